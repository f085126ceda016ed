// One flush of the page: nothing on a site switched off; another conversation forgets the turn
// state, the attachments and cached counts; another tokenizer re-counts the draft; the pill is mounted only at a
// composer with the pill switched on; health is reported with what the page showed; and the pill
// is rendered last.
import { describe, expect, it, vi } from 'vitest';
import { flushPage, type FlushParts } from '@/lib/tracker/page-flush';

function parts(over: { enabled?: boolean; pill?: boolean; composer?: Element | null; moved?: boolean; tokenizer?: string } = {}) {
  const order: string[] = [];
  const log = (name: string) => vi.fn(() => void order.push(name));
  const composer = over.composer === undefined ? document.createElement('textarea') : over.composer;
  const settings = { enabled: over.enabled ?? true, pill: over.pill ?? true };
  const tokenizerChanged = vi.fn((t: string) => t !== 'o200k');
  const p = {
    adapter: { id: 'chatgpt', spec: { modelLabelRequired: false }, findComposer: vi.fn(() => composer), findTranscript: vi.fn(() => null), busy: vi.fn(() => false) },
    settings: { forSite: settings },
    composer: { setComposer: vi.fn(() => true), update: log('composer.update'), invalidate: log('composer.invalidate') },
    pill: { setComposer: vi.fn(), ensureMounted: log('pill.ensureMounted') },
    conversation: { id: 'c1', key: 'c1', read: vi.fn(() => over.moved ?? false), tokenizerChanged },
    models: {
      readPage: vi.fn(() => ({ picker: 'GPT-5', reply: null })),
      update: vi.fn(() => over.tokenizer !== undefined),
      current: { model: over.tokenizer ? { id: 'm', tokenizer: over.tokenizer } : null },
      unrecognisedDueAt: null,
      unrecognised: vi.fn(() => null),
    },
    transcript: { read: vi.fn(() => []), refs: [], countFinished: vi.fn(), resetCounts: log('transcript.resetCounts') },
    turns: { reset: log('turns.reset'), observe: vi.fn(() => null), streamProblem: null, turnsSeen: 0 },
    attachments: { reset: log('attachments.reset'), read: log('attachments.read') },
    loop: { recheckIn: vi.fn(), flushAt: vi.fn() },
    health: { report: vi.fn((_now: number, _site: string, facts: () => unknown) => order.push(`health ${JSON.stringify(facts())}`)) },
    usage: null,
    shown: { render: log('render') },
  };
  return { p: p as unknown as FlushParts & typeof p, order };
}

describe('flushPage', () => {
  it('reads nothing on a site switched off', () => {
    const { p, order } = parts({ enabled: false });
    flushPage(p, document, 'https://chatgpt.com/c/c1', 0);
    expect(p.adapter.findComposer).not.toHaveBeenCalled();
    expect(order).toEqual([]);
  });

  it('counts the draft, reports health, mounts the pill at the composer and renders it last', () => {
    const { p, order } = parts();
    flushPage(p, document, 'https://chatgpt.com/c/c1', 0);
    expect(p.pill.setComposer).toHaveBeenCalledWith(expect.any(HTMLTextAreaElement));
    expect(order.slice(0, 2)).toEqual(['composer.update', 'attachments.read']);
    expect(JSON.parse(order[2]!.slice('health '.length))).toMatchObject({ composer: true, transcript: false, modelLabel: true, inConversation: true });
    expect(order.slice(3)).toEqual(['pill.ensureMounted', 'render']);
  });

  it('mounts no pill without a composer, or with the pill switched off', () => {
    for (const over of [{ composer: null }, { pill: false }]) {
      const { p, order } = parts(over);
      flushPage(p, document, 'https://chatgpt.com/', 0);
      expect(order).not.toContain('pill.ensureMounted');
      expect(order.at(-1)).toBe('render');
    }
  });

  it('forgets the turn state, the attachments and cached counts in another conversation', () => {
    const { p, order } = parts({ moved: true });
    flushPage(p, document, 'https://chatgpt.com/c/c2', 0);
    expect(order.slice(0, 3)).toEqual(['turns.reset', 'attachments.reset', 'transcript.resetCounts']);
  });

  it('counts the draft again when the model now uses another tokenizer', () => {
    const { p, order } = parts({ tokenizer: 'cl100k' });
    flushPage(p, document, 'https://chatgpt.com/c/c1', 0);
    expect(order.slice(0, 4)).toEqual(['transcript.resetCounts', 'composer.invalidate', 'composer.update', 'attachments.read']);
    const same = parts({ tokenizer: 'o200k' });
    flushPage(same.p, document, 'https://chatgpt.com/c/c1', 0);
    expect(same.order).not.toContain('composer.invalidate');
  });
});

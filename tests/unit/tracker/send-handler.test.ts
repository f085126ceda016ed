// What a captured send does: on a site switched on, a new send is noted for its turn with the text
// the composer holds now and its attachments (none when the draft had none), and the page flushed;
// the second report of one send and an empty composer are not sends; the hold is the presenter's,
// asked only when the site is on and confirmation is asked for.
import { describe, expect, it, vi } from 'vitest';
import { turnAttachments } from '@/lib/attachments/turn';
import { EMPTY_SUMMARY, summarize } from '@/lib/attachments/rules';
import { defaultSettings } from '@/lib/settings/schema';
import { captureSends, SAME_SEND_MS } from '@/lib/tracker/send-capture';
import { SendHandler, type SendParts } from '@/lib/tracker/send-handler';
import { fakeCtx } from './fakes';

function setup(over: { enabled?: boolean; confirm?: boolean; attached?: ReturnType<typeof summarize> } = {}) {
  let now = 10_000;
  let text = 'what does this cost';
  const settings = defaultSettings();
  settings.budgets.confirmOverBudget = over.confirm ?? false;
  const p = {
    adapter: { isSendControl: (el: Element) => el.id === 'send' },
    settings: { settings, forSite: { enabled: over.enabled ?? true } },
    composer: { contains: (t: EventTarget | null) => t instanceof Element && t.id === 'c', currentText: () => text, draft: { text: 'typed before' } },
    shown: { holdSend: vi.fn(() => false) },
    attachments: { sent: vi.fn(() => over.attached ?? EMPTY_SUMMARY) },
    turns: { noteSend: vi.fn() },
    loop: { schedule: vi.fn() },
  };
  const handler = new SendHandler(p as unknown as SendParts, () => now);
  return { p, handler, advance: (ms: number) => (now += ms), setText: (t: string) => (text = t) };
}

describe('SendHandler', () => {
  it('notes a send with the text the composer holds now, once, and flushes', () => {
    const { p, handler, advance, setText } = setup();
    handler.sent();
    expect(p.turns.noteSend).toHaveBeenCalledWith('what does this cost', 10_000, undefined);
    expect(p.loop.schedule).toHaveBeenCalledTimes(1);
    advance(SAME_SEND_MS - 1);
    handler.sent(); // the click after the Enter
    setText('   ');
    advance(SAME_SEND_MS);
    handler.sent(); // an empty composer's button is "stop"
    expect(p.turns.noteSend).toHaveBeenCalledTimes(1);
    setText('again');
    handler.sent();
    expect(p.turns.noteSend).toHaveBeenLastCalledWith('again', 10_000 + 2 * SAME_SEND_MS - 1, undefined);
  });

  it('sends the attachments with the turn', () => {
    const attached = summarize([{ kind: 'image', name: 'a.png', width: 800, height: 600 }], 'openai/gpt-5');
    const { p, handler } = setup({ attached });
    handler.sent();
    expect(attached.max).toBeGreaterThan(0);
    expect(p.turns.noteSend).toHaveBeenCalledWith('what does this cost', 10_000, turnAttachments(attached));
  });

  it('does nothing on a site switched off, and keeps the draft\'s attachments', () => {
    const { p, handler } = setup({ enabled: false });
    handler.sent();
    expect(p.attachments.sent).not.toHaveBeenCalled();
    expect(p.turns.noteSend).not.toHaveBeenCalled();
    expect(p.loop.schedule).not.toHaveBeenCalled();
  });

  it('asks the presenter whether to hold, with confirmation only where the site is on', () => {
    for (const [enabled, confirm, asked] of [[true, true, true], [true, false, false], [false, true, false]] as const) {
      const { p, handler } = setup({ enabled, confirm });
      p.shown.holdSend.mockReturnValue(true);
      expect(handler.hold()).toBe(true);
      expect(p.shown.holdSend).toHaveBeenCalledWith(asked, 'typed before');
    }
  });

  it('is what send capture calls: Enter in the composer and a click on send', () => {
    document.body.innerHTML = '<textarea id="c"></textarea><button id="send">Send</button>';
    const ctx = fakeCtx();
    const { p, handler, advance } = setup();
    captureSends(ctx, handler);
    document.getElementById('c')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    advance(SAME_SEND_MS);
    document.getElementById('send')!.click();
    expect(p.turns.noteSend).toHaveBeenCalledTimes(2);
    ctx.invalidate();
    document.body.innerHTML = '';
  });
});

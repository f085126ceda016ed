// The composer watcher: reads the draft when the composer changed, counts a keystroke at once (for
// the model of the moment) and once per change, shows a rough figure for a big paste until the exact
// one, recounts after a failure, and leaves an IME composition alone until it ends.
import { afterEach, describe, expect, it } from 'vitest';
import { ComposerWatcher, ROUGH_FIRST_CHARS } from '@/lib/tracker/composer-watcher';
import { fakeCounter, fakeCtx, settle } from './fakes';

function setup(textAfterInput?: (composer: Element, event: InputEvent) => string | null) {
  document.body.innerHTML = '<textarea id="c"></textarea><div id="other" contenteditable="true"></div>';
  const ctx = fakeCtx();
  const counter = fakeCounter();
  const log: string[] = [];
  let model: string | null = null;
  const watcher = new ComposerWatcher(ctx, (el) => (el as HTMLTextAreaElement).value, counter, 'draft-1', {
    edited: () => log.push('edited'),
    counted: () => log.push('counted'),
    failed: (m) => log.push(`failed: ${m}`),
    succeeded: () => log.push('succeeded'),
  }, () => model, textAfterInput);
  const composer = document.getElementById('c') as HTMLTextAreaElement;
  watcher.setComposer(composer);
  const type = (value: string, init: InputEventInit = {}) => {
    composer.value = value;
    composer.dispatchEvent(new InputEvent('input', { bubbles: true, ...init }));
  };
  /** Plain typing as the browser delivers it: beforeinput, then (unless the page cancels) the edit and input. */
  const typeKey = (key: string, options: { cancelled?: boolean; browserTypes?: string } = {}) => {
    const before = new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertText', data: key });
    composer.dispatchEvent(before);
    if (options.cancelled) return;
    composer.value += options.browserTypes ?? key;
    composer.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: key }));
  };
  return { ctx, counter, log, watcher, composer, type, typeKey, setModel: (m: string | null) => (model = m) };
}

describe('ComposerWatcher', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('counts a keystroke at once for the model of the moment, once per change, in its session', async () => {
    const { counter, log, watcher, type, ctx, setModel } = setup();
    setModel('openai/gpt-5');
    type('how much is this');
    expect(log).toEqual(['edited']);
    expect(counter.calls).toHaveLength(1); // asked before the next frame's flush
    watcher.update('openai/gpt-5');
    await settle();
    expect(watcher.draft).toMatchObject({ text: 'how much is this', tokens: 4, exact: true, counting: false });
    expect(counter.calls).toEqual([{ text: 'how much is this', model: 'openai/gpt-5', session: 'draft-1' }]);
    watcher.update('openai/gpt-5'); // nothing changed since
    type('how much is this'); // an input that changed nothing
    watcher.update('openai/gpt-5');
    await settle();
    expect(counter.calls).toHaveLength(1);
    ctx.invalidate();
  });

  it('ignores input outside the composer', () => {
    const { log, ctx } = setup();
    document.getElementById('other')!.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(log).toEqual([]);
    ctx.invalidate();
  });

  it('shows a rough figure for a big paste at once, then the exact count', async () => {
    const { log, watcher, type, ctx } = setup();
    const big = 'word '.repeat(ROUGH_FIRST_CHARS / 4);
    type(big);
    watcher.update(null);
    expect(watcher.draft.counting).toBe(true);
    expect(watcher.draft.exact).toBe(false);
    expect(watcher.draft.tokens).toBeGreaterThan(0);
    await settle();
    expect(watcher.draft).toMatchObject({ counting: false, exact: true, tokens: ROUGH_FIRST_CHARS / 4 });
    expect(log.filter((l) => l === 'counted')).toHaveLength(2);
    ctx.invalidate();
  });

  it('shows no rough figure for a keystroke in a long draft: the exact count comes at once', async () => {
    const { watcher, type, ctx } = setup();
    const big = 'word '.repeat(ROUGH_FIRST_CHARS / 4);
    type(big);
    watcher.update(null);
    await settle();
    type(`${big}x`);
    watcher.update(null);
    expect(watcher.draft).toMatchObject({ counting: false, exact: true, tokens: ROUGH_FIRST_CHARS / 4 });
    await settle();
    expect(watcher.draft.tokens).toBe(ROUGH_FIRST_CHARS / 4 + 1);
    ctx.invalidate();
  });

  it('counts again after a failure, and after the tokenizer changed', async () => {
    const { counter, log, watcher, type, ctx } = setup();
    counter.failNext();
    type('one two');
    watcher.update(null);
    await settle();
    expect(log).toContain('failed: the counter is not available');
    watcher.update(null);
    await settle();
    expect(watcher.draft.tokens).toBe(2);
    expect(log.at(-2)).toBe('succeeded');
    watcher.invalidate();
    watcher.update('anthropic/claude');
    await settle();
    expect(counter.calls.map((c) => c.model)).toEqual([null, null, 'anthropic/claude']);
    ctx.invalidate();
  });

  it('waits for an IME composition to end', async () => {
    const { counter, log, watcher, composer, type, ctx } = setup();
    composer.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    type('にほ', { isComposing: true });
    watcher.update(null);
    await settle();
    expect(counter.calls).toHaveLength(0);
    expect(log).toEqual([]);
    composer.value = '日本';
    composer.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true }));
    expect(log).toEqual(['edited']);
    watcher.update(null);
    await settle();
    expect(counter.calls.map((c) => c.text)).toEqual(['日本']);
    ctx.invalidate();
  });

  it('reads the draft again when a mutation touched the composer', async () => {
    const { counter, watcher, composer, ctx } = setup();
    watcher.update(null);
    await settle();
    composer.value = 'set by the page';
    watcher.update(null);
    expect(counter.calls).toHaveLength(0); // not dirty: nothing said the composer changed
    watcher.noteMutations([{ target: composer } as unknown as MutationRecord]);
    watcher.update(null);
    expect(counter.calls.map((c) => c.text)).toEqual(['set by the page']);
    ctx.invalidate();
  });

  describe('typing counted before the browser applies it', () => {
    const predictAppend = (composer: Element, event: InputEvent) => (event.inputType === 'insertText' && event.data ? (composer as HTMLTextAreaElement).value + event.data : null);

    it('asks for the count at beforeinput, and not again when the edit reads as predicted', async () => {
      const { counter, log, watcher, typeKey, ctx } = setup(predictAppend);
      const askedByInput: number[] = [];
      window.addEventListener('input', () => askedByInput.push(counter.calls.length), { capture: true, once: true }); // before the watcher's
      typeKey('a');
      expect(askedByInput).toEqual([1]); // on its way before the browser edited
      expect(counter.calls.map((c) => c.text)).toEqual(['a']);
      typeKey('b');
      expect(counter.calls.map((c) => c.text)).toEqual(['a', 'ab']);
      watcher.update(null); // the next frame's flush reads it again: nothing new
      await settle();
      expect(counter.calls).toHaveLength(2);
      expect(watcher.draft).toMatchObject({ text: 'ab', tokens: 1, exact: true });
      expect(log.filter((l) => l === 'edited').length).toBeGreaterThanOrEqual(2);
      ctx.invalidate();
    });

    it("shows a key's count at beforeinput when the counter already knows it, and the worker's count after", async () => {
      const { counter, log, watcher, typeKey, ctx } = setup(predictAppend);
      typeKey('a');
      await settle();
      counter.answerInNextTask = true;
      counter.knownAhead.add('a b');
      // Before the watcher's listeners (on the document): what the draft shows as each event starts.
      const seen = (e: Event) => log.push(`${e.type} ${watcher.draft.text}=${watcher.draft.tokens}`);
      for (const type of ['beforeinput', 'input']) window.addEventListener(type, seen, { capture: true });
      log.length = 0;
      typeKey(' ');
      typeKey('b');
      expect(log).toEqual([
        'beforeinput a=1', 'edited', 'input a =1', 'edited', // the space is not in the table: its count is away
        'beforeinput a =1', 'succeeded', 'counted', 'edited', 'input a b=2', 'edited', // "b" is shown before the page has it
      ]);
      await settle();
      await settle();
      expect(log.filter((l) => l === 'counted')).toHaveLength(2); // the table's, then the worker's confirmation (the space's count is dropped: a newer one was asked for)
      expect(watcher.draft).toMatchObject({ text: 'a b', tokens: 2, exact: true, counting: false });
      for (const type of ['beforeinput', 'input']) window.removeEventListener(type, seen, { capture: true });
      ctx.invalidate();
    });

    it('counts what the composer holds when the browser typed something else', async () => {
      const { counter, watcher, typeKey, ctx } = setup(predictAppend);
      typeKey(' ', { browserTypes: '\u00a0' }); // a non-breaking space where a space was predicted
      expect(counter.calls.map((c) => c.text)).toEqual([' ', '\u00a0']);
      await settle();
      expect(watcher.draft.text).toBe('\u00a0');
      ctx.invalidate();
    });

    it('reads the composer again when the page cancelled the edit', async () => {
      const { counter, watcher, typeKey, log, ctx } = setup(predictAppend);
      typeKey('x', { cancelled: true }); // no edit, no input event
      expect(counter.calls.map((c) => c.text)).toEqual(['x']);
      expect(log).toContain('edited'); // a flush is asked for, which reads the composer
      watcher.update(null);
      await settle();
      expect(counter.calls.map((c) => c.text)).toEqual(['x', '']);
      expect(watcher.draft).toMatchObject({ text: '', tokens: 0 });
      ctx.invalidate();
    });

    it('does not predict during an IME composition', () => {
      const { counter, composer, typeKey, ctx } = setup(predictAppend);
      composer.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
      typeKey('に');
      expect(counter.calls).toHaveLength(0);
      ctx.invalidate();
    });

    it('counts at the input event, as before, when the edit cannot be known beforehand', () => {
      const { counter, typeKey, ctx } = setup(() => null);
      const asked: number[] = [];
      window.addEventListener('input', () => asked.push(counter.calls.length), { capture: true, once: true }); // before the watcher's
      typeKey('a');
      expect(asked).toEqual([0]); // nothing was asked for before the input event
      expect(counter.calls.map((c) => c.text)).toEqual(['a']);
      ctx.invalidate();
    });
  });
});

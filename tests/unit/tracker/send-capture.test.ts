// Send capture: Enter in the composer and clicks on the send control, before the page sees them;
// one send reported once; a send over budget held until a second one within the window.
import { describe, expect, it } from 'vitest';
import { captureSends, CONFIRM_WINDOW_MS, ConfirmHold, SAME_SEND_MS, SendDedupe } from '@/lib/tracker/send-capture';
import { fakeCtx } from './fakes';

describe('captureSends', () => {
  function setup(holdNext = false) {
    document.body.innerHTML = '<textarea id="c"></textarea><button id="send">Send</button><button id="other">x</button>';
    const ctx = fakeCtx();
    const sent: string[] = [];
    let hold = holdNext;
    const composer = document.getElementById('c')!;
    captureSends(ctx, {
      inComposer: (t) => t instanceof Node && composer.contains(t),
      isSendControl: (t) => t.id === 'send',
      hold: () => hold,
      sent: () => sent.push('sent'),
    });
    const pageSaw: string[] = [];
    window.addEventListener('keydown', () => pageSaw.push('keydown'));
    return { ctx, sent, composer, pageSaw, setHold: (v: boolean) => (hold = v) };
  }

  it('reports Enter in the composer and a click on send, not Shift+Enter or other clicks', () => {
    const { ctx, sent, composer } = setup();
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    document.getElementById('send')!.click();
    document.getElementById('other')!.click();
    expect(sent).toEqual(['sent', 'sent']);
    ctx.invalidate();
  });

  it('holds a send: the page never sees the key', () => {
    const { ctx, sent, composer } = setup(true);
    const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    composer.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(true);
    expect(sent).toEqual([]);
    ctx.invalidate();
  });
});

describe('SendDedupe', () => {
  it('drops the second report of one send and empty drafts', () => {
    const d = new SendDedupe();
    expect(d.isNew('  ', 0)).toBe(false);
    expect(d.isNew('hello', 0)).toBe(true);
    expect(d.isNew('hello', SAME_SEND_MS - 1)).toBe(false);
    expect(d.isNew('hello', SAME_SEND_MS + 10)).toBe(true);
    expect(d.isNew('other', SAME_SEND_MS + 11)).toBe(true);
  });
});

describe('ConfirmHold', () => {
  it('holds the first send over budget and lets a second within the window through', () => {
    const hold = new ConfirmHold();
    expect(hold.consider(false, 0)).toBe(false);
    expect(hold.consider(true, 0)).toBe(true);
    expect(hold.held(10)).toBe(true);
    expect(hold.consider(true, 10)).toBe(false);
    expect(hold.held(11)).toBe(false);
    expect(hold.consider(true, 100)).toBe(true);
    expect(hold.held(100 + CONFIRM_WINDOW_MS)).toBe(false);
    expect(hold.consider(true, 100 + CONFIRM_WINDOW_MS)).toBe(true); // too late: held again
  });
});

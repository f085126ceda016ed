// The attachment watch: the page's own files (change on a file input, drop, paste) read locally,
// joined to the chips, counted for the model; forgotten once sent.
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentWatch } from '@/lib/attachments/watch';
import { ADAPTERS } from '@/lib/sites';
import { fakeCounter, fakeCtx, settle } from '../tracker/fakes';

const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await settle();
  expect(ok()).toBe(true);
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AttachmentWatch', () => {
  it('counts a text file with the model\'s tokenizer and keeps only the count; a PDF by its pages; sent clears', async () => {
    const ctx = fakeCtx();
    const counter = fakeCounter();
    let changes = 0;
    // DeepSeek: chips undocumented, so the files the page took are the attachments.
    const watch = new AttachmentWatch(ctx, ADAPTERS.deepseek.spec.attachments, counter, () => changes++);
    watch.addFiles([
      new File(['one two three four five'], 'notes.txt', { type: 'text/plain' }),
      new File(['%PDF-1.4 << /Type /Pages /Count 4 >>'], 'paper.pdf', { type: 'application/pdf' }),
    ]);
    await waitFor(() => {
      watch.read(null, 'deepseek/deepseek-chat');
      return watch.summary.counts.text === 1 && watch.summary.byKind.text.max === 5 && watch.summary.pdfPages === 4;
    });
    expect(counter.calls).toEqual([{ text: 'one two three four five', model: 'deepseek/deepseek-chat', session: undefined }]);
    expect(watch.summary).toMatchObject({ min: 5 + 4 * 1500, max: 5 + 4 * 3000, unpriced: 0 });
    expect(changes).toBeGreaterThan(0);
    // The same file again is not read twice.
    const sent = watch.sent();
    expect(sent.max).toBe(5 + 12000);
    watch.read(null, 'deepseek/deepseek-chat');
    expect(watch.summary.max).toBe(0);
    ctx.invalidate();
  });

  it('takes files from the page\'s own events; chips decide what is attached where the site has them', async () => {
    const ctx = fakeCtx();
    const watch = new AttachmentWatch(ctx, ADAPTERS.claude.spec.attachments, fakeCounter(), () => undefined);
    document.body.innerHTML = '<fieldset><input type="file" data-testid="file-upload"><div data-testid="chat-input" contenteditable="true"></div></fieldset>';
    const composer = ADAPTERS.claude.findComposer(document)!;
    const input = document.querySelector('input')!;
    const file = new File(['%PDF-1.4 << /Type /Pages /Count 2 >>'], 'a.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    // No chip yet: nothing attached (the site has not taken the file, or the user removed it).
    watch.read(composer, 'anthropic/claude-sonnet-4-5');
    expect(watch.summary.counts.pdf).toBe(0);
    document.querySelector('fieldset')!.insertAdjacentHTML('afterbegin', '<div data-testid="file-thumbnail"><h3>a.pdf</h3></div>');
    await waitFor(() => {
      watch.read(composer, 'anthropic/claude-sonnet-4-5');
      return watch.summary.pdfPages === 2;
    });
    expect(watch.summary).toMatchObject({ min: 3000, max: 6000 });
    ctx.invalidate();
  });
});

describe('which file inputs are read', () => {
  it("reads the site's attachment inputs only (an avatar upload elsewhere on the page is not an attachment)", async () => {
    const ctx = fakeCtx();
    const watch = new AttachmentWatch(ctx, ADAPTERS.deepseek.spec.attachments, fakeCounter(), () => undefined);
    const claudeWatch = new AttachmentWatch(ctx, ADAPTERS.claude.spec.attachments, fakeCounter(), () => undefined);
    document.body.innerHTML = '<div id="settings"><input type="file" id="avatar"></div>';
    const input = document.querySelector('input')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'me.txt', { type: 'text/plain' })] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    watch.read(null, 'deepseek/deepseek-chat');
    claudeWatch.read(null, 'anthropic/claude-sonnet-4-5');
    // DeepSeek's data names any file input; Claude's names its composer's.
    expect(watch.summary.counts.text).toBe(1);
    expect((claudeWatch as unknown as { local: unknown[] }).local).toHaveLength(0);
    ctx.invalidate();
  });
});

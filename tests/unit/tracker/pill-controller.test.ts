// Where the pill goes: above the composer's box, right-aligned, within the window.
import { describe, expect, it } from 'vitest';
import { composerBox, pillPlacement, setChangedData } from '@/lib/tracker/pill-controller';

describe('pillPlacement', () => {
  it("sits above the box's top edge, right-aligned with it", () => {
    expect(pillPlacement({ top: 500, right: 900 }, 1000)).toMatchObject({ position: 'fixed', top: '494px', right: '100px', left: 'auto', maxWidth: '896px', transform: 'translateY(-100%)' });
  });

  it('never goes above the top of the window or past its edges', () => {
    expect(pillPlacement({ top: 10, right: 1200 }, 1000)).toMatchObject({ top: '28px', right: '4px' });
    expect(pillPlacement({ top: 300, right: 100 }, 1000).maxWidth).toBe('160px');
  });
});

describe('composerBox', () => {
  it("takes the composer's form as its box", () => {
    document.body.innerHTML = '<form id="f"><div id="c" contenteditable="true"></div></form>';
    const form = document.getElementById('f')!;
    form.getBoundingClientRect = () => ({ top: 1, right: 2, width: 300, height: 40 }) as DOMRect;
    expect(composerBox(document.getElementById('c')!)).toMatchObject({ width: 300 });
  });
});

describe('setChangedData', () => {
  it('touches only the attributes whose value changed (each set is a mutation the page sees)', async () => {
    const host = document.createElement('div');
    setChangedData(host, { draftTokens: '1', contextTokens: '5' });
    const seen: string[] = [];
    const observer = new MutationObserver((records) => seen.push(...records.map((r) => r.attributeName!)));
    observer.observe(host, { attributes: true });
    setChangedData(host, { draftTokens: '2', contextTokens: '5' });
    await Promise.resolve();
    observer.disconnect();
    expect(seen).toEqual(['data-draft-tokens']);
    expect(host.dataset).toMatchObject({ draftTokens: '2', contextTokens: '5' });
  });
});

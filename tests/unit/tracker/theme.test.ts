// The page's theme, and the watch that says when to read it again: attribute changes on <html> and
// <body>, style sheets, prefers-color-scheme, colour transitions; not the page's ordinary churn.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageTheme, themeOfColour, watchPageTheme } from '@/lib/tracker/theme';
import { fakeCtx } from './fakes';

const flushMutations = () => new Promise((r) => setTimeout(r, 0));

describe('themeOfColour', () => {
  it.each([
    ['rgb(255, 255, 255)', 'light'],
    ['rgb(26, 26, 26)', 'dark'],
    ['rgba(0, 0, 0, 0)', null],
    ['rgba(0, 0, 0, 0.5)', 'dark'],
    ['rgb(33 33 33 / 0%)', null],
    ['rgb(250 250 250 / 1)', 'light'],
    ['transparent', null],
  ])('%s is %s', (colour, theme) => {
    expect(themeOfColour(colour)).toBe(theme);
  });
});

describe('pageTheme', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    document.body.removeAttribute('style');
  });

  it('takes the nearest painted background up from the element', () => {
    document.body.innerHTML = '<div id="box" style="background-color: rgb(20, 20, 20)"><span id="in">x</span></div>';
    expect(pageTheme(document.getElementById('in')!)).toBe('dark');
    document.getElementById('box')!.style.backgroundColor = 'rgb(240, 240, 240)';
    expect(pageTheme(document.getElementById('in')!)).toBe('light');
  });

  it("falls back to the browser's preference when nothing is painted", () => {
    document.body.innerHTML = '<span id="in">x</span>';
    const win = { getComputedStyle: () => ({ backgroundColor: 'rgba(0, 0, 0, 0)' }) as CSSStyleDeclaration, matchMedia: (q: string) => ({ matches: q.includes('dark') }) as MediaQueryList };
    expect(pageTheme(document.getElementById('in')!, win)).toBe('dark');
  });
});

describe('watchPageTheme', () => {
  function watch() {
    const ctx = fakeCtx();
    const onChange = vi.fn();
    watchPageTheme(ctx, onChange);
    return { ctx, onChange };
  }
  afterEach(() => {
    document.documentElement.removeAttribute('class');
    document.body.removeAttribute('data-theme');
    document.head.querySelectorAll('style').forEach((s) => s.remove());
    document.body.innerHTML = '';
  });

  it('fires on a class change on <html> and an attribute change on <body>', async () => {
    const { ctx, onChange } = watch();
    document.documentElement.className = 'dark';
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.body.setAttribute('data-theme', 'dark');
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(2);
    ctx.invalidate();
  });

  it('fires when a style sheet is added, edited or removed', async () => {
    const { ctx, onChange } = watch();
    const style = document.createElement('style');
    style.textContent = 'body { background: #111 }';
    document.head.append(style);
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(1);
    style.firstChild!.nodeValue = 'body { background: #fff }';
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(2);
    style.remove();
    await flushMutations();
    expect(onChange).toHaveBeenCalledTimes(3);
    ctx.invalidate();
  });

  it("does not fire on the page's ordinary DOM churn", async () => {
    const { ctx, onChange } = watch();
    document.body.innerHTML = '<main><p>hello</p></main>';
    await flushMutations();
    onChange.mockClear();
    document.querySelector('p')!.textContent = 'a streamed reply';
    document.querySelector('main')!.append(document.createElement('div'));
    document.querySelector('p')!.className = 'streaming';
    await flushMutations();
    expect(onChange).not.toHaveBeenCalled();
    ctx.invalidate();
  });

  it('fires when a colour transition ends, not for other transitions', () => {
    const { ctx, onChange } = watch();
    const ended = (propertyName: string) => {
      const e = new Event('transitionend', { bubbles: true });
      Object.defineProperty(e, 'propertyName', { value: propertyName });
      document.body.dispatchEvent(e);
    };
    ended('opacity');
    expect(onChange).not.toHaveBeenCalled();
    ended('background-color');
    expect(onChange).toHaveBeenCalledTimes(1);
    ctx.invalidate();
  });

  it('fires when prefers-color-scheme changes', () => {
    const scheme = new EventTarget();
    const spy = vi.spyOn(window, 'matchMedia').mockReturnValue(scheme as MediaQueryList);
    const { ctx, onChange } = watch();
    scheme.dispatchEvent(new Event('change'));
    expect(onChange).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    ctx.invalidate();
  });

  it('stops with the context', async () => {
    const { ctx, onChange } = watch();
    ctx.invalidate();
    document.documentElement.className = 'dark';
    await flushMutations();
    expect(onChange).not.toHaveBeenCalled();
  });
});

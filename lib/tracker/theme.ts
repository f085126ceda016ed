/**
 * The page's theme, light or dark, read from its own colours, and a watch that says when it may
 * have changed: a class or attribute change on `<html>` or `<body>`, a style sheet added, removed,
 * edited or loaded, a `prefers-color-scheme` change, or a colour transition that ended. Reading
 * colours walks computed styles, so the watch only marks the theme as worth reading again; the
 * reader decides when (the pill reads it in its next placement frame).
 */

export type Theme = 'light' | 'dark';

/** What the watch needs of WXT's content-script context (listeners removed when it ends). */
export interface ThemeWatchContext {
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void;
  onInvalidated(cb: () => void): unknown;
}

/** Light or dark, from the page's own colours where it has them, else the browser's preference. */
export function pageTheme(near: Element, win: Pick<Window, 'getComputedStyle' | 'matchMedia'> = window): Theme {
  for (let el: Element | null = near; el; el = el.parentElement) {
    const theme = themeOfColour(win.getComputedStyle(el).backgroundColor);
    if (theme) return theme;
  }
  return win.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme a background colour stands for, or null for a transparent or unreadable one. */
export function themeOfColour(bg: string): Theme | null {
  const m = /rgba?\((\d+)[, ]+(\d+)[, ]+(\d+)(?:[, /]+([\d.]+%?))?/.exec(bg);
  if (!m) return null;
  if (m[4] !== undefined && Number.parseFloat(m[4]) === 0) return null;
  const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
}

/**
 * Calls `onChange` (at most once per burst of changes, on the next call the caller makes) whenever
 * the page's theme may have changed. Everything it listens to goes through `ctx`.
 */
export function watchPageTheme(ctx: ThemeWatchContext, onChange: () => void, doc: Document = document): void {
  const view = doc.defaultView;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' || isStyleRecord(record)) return onChange();
    }
  });
  // Theme switches: a class, data-theme or style attribute on the root or the body.
  observer.observe(doc.documentElement, { attributes: true });
  if (doc.body) observer.observe(doc.body, { attributes: true });
  // Style switches: sheets added to or removed from <head> (or <body>'s own children), or a
  // <style>'s text edited. The page's ordinary DOM churn deeper in <body> is not watched here.
  if (doc.head) observer.observe(doc.head, { childList: true, subtree: true, characterData: true });
  if (doc.body) observer.observe(doc.body, { childList: true });
  ctx.onInvalidated(() => observer.disconnect());
  // A <link rel=stylesheet> changes the colours once it has loaded, not when it is added.
  ctx.addEventListener(doc, 'load', (e) => {
    if (e.target instanceof Element && e.target.localName === 'link') onChange();
  }, { capture: true });
  // Sites that fade between themes are read again when the fade has ended.
  ctx.addEventListener(doc, 'transitionend', (e) => {
    if ((e as TransitionEvent).propertyName?.includes('color')) onChange();
  }, { capture: true, passive: true });
  const scheme = view?.matchMedia?.('(prefers-color-scheme: dark)');
  if (scheme) ctx.addEventListener(scheme, 'change', () => onChange());
}

/** A childList or text change that touches a style sheet (not the page's ordinary DOM churn). */
function isStyleRecord(record: MutationRecord): boolean {
  if (record.type === 'characterData') return isSheet(record.target.parentNode);
  if (record.type !== 'childList') return false;
  if (isSheet(record.target)) return true;
  for (const node of record.addedNodes) if (isSheet(node)) return true;
  for (const node of record.removedNodes) if (isSheet(node)) return true;
  return false;
}

function isSheet(node: Node | null): boolean {
  if (!node || node.nodeType !== 1) return false;
  const name = (node as Element).localName;
  return name === 'style' || (name === 'link' && /\bstylesheet\b/i.test((node as Element).getAttribute('rel') ?? ''));
}

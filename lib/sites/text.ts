/**
 * Reading text out of chat pages with `innerText` semantics but without layout: block elements and
 * `<br>` become line breaks, hidden and decorative parts are skipped. `innerText` itself forces a
 * synchronous layout on every call, which is jank on a page that is streaming a reply.
 */

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL',
]);

/** Never part of what a model reads: scripts, styles, icons, controls, screen-reader-only labels. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'BUTTON', 'MAT-ICON', 'TEXTAREA', 'INPUT', 'SELECT']);
const SKIPPED_SELECTOR = '[hidden], [aria-hidden="true"], .sr-only, spendmeter-pill';

/** Read one text node as if it held other data (what typing is about to make of it). */
export interface TextReplacement {
  node: Text;
  data: string;
}

/**
 * The visible text of an element, lines as `innerText` would give them. `exclude` names parts of
 * the element that are not message text (e.g. a reasoning panel, a citation list).
 */
export function visibleText(root: Element, exclude?: string, options: { preserveWhitespace?: boolean; replace?: TextReplacement } = {}): string {
  const out: string[] = [];
  // Outside <pre>, runs of source whitespace render as one space (as innerText gives them).
  let preDepth = options.preserveWhitespace ? 1 : 0;
  // A block boundary asks for one line break before the next content; several collapse into one.
  let pendingBreak = false;
  let started = false;

  const emit = (s: string) => {
    if (pendingBreak && started) out.push('\n');
    pendingBreak = false;
    out.push(s);
    started = true;
  };

  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        let data = child === options.replace?.node ? options.replace.data : (child as Text).data;
        if (preDepth === 0) {
          data = data.replace(/[ \t\n\r\f]+/g, ' ');
          if (data === ' ' && (!started || pendingBreak || out[out.length - 1]?.endsWith(' ') || out[out.length - 1]?.endsWith('\n'))) continue;
        }
        if (data) emit(data);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag) || tag === 'IMG') continue;
      if (el.matches(SKIPPED_SELECTOR) || (exclude && el.matches(exclude))) continue;
      if (tag === 'BR') {
        // A <br> that closes a block adds no line, except that it keeps an empty paragraph
        // (ProseMirror's trailing break, Quill's and Lexical's empty line) as an empty line.
        if (isLastMeaningfulChild(el)) {
          if (!blockHasText(el.parentElement)) emit('');
        } else {
          emit('\n');
        }
        continue;
      }
      const block = BLOCK_TAGS.has(tag);
      const pre = tag === 'PRE';
      if (block) pendingBreak = true;
      if (pre) preDepth++;
      walk(el);
      if (pre) preDepth--;
      if (block) pendingBreak = true;
    }
  };

  walk(root);
  const text = out.join('');
  return preDepth === 0 ? text.replace(/ +\n/g, '\n').replace(/\n +/g, '\n').trim() : text;
}

function isLastMeaningfulChild(el: Element): boolean {
  for (let n = el.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 1) return false;
    if (n.nodeType === 3 && (n as Text).data !== '') return false;
  }
  const parent = el.parentElement;
  return !!parent && BLOCK_TAGS.has(parent.tagName.toUpperCase());
}

function blockHasText(block: Element | null): boolean {
  return !!block && (block.textContent ?? '') !== '';
}

/**
 * The draft in a composer: a form field's value, or a rich editor's text (ProseMirror, TipTap,
 * Quill, Lexical: one block per paragraph, placeholders are CSS or live outside the editable).
 */
export function composerText(composer: Element): string {
  if (isFormField(composer)) return composer.value;
  // Rich editors render typed text with white-space: pre-wrap, so every space is the user's.
  return visibleText(composer, undefined, { preserveWhitespace: true });
}

function isFormField(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  const tag = el.tagName.toUpperCase();
  return tag === 'TEXTAREA' || tag === 'INPUT';
}

/** Typing that changes only characters: the browser's edit is known before it makes it. */
const PREDICTABLE_INPUT = new Set(['insertText', 'deleteContentBackward', 'deleteContentForward']);

/**
 * The draft as it will read once the browser has applied a `beforeinput` event of plain typing
 * (characters typed, or deleted with a range the event names), or null when that cannot be known
 * beforehand: IME composition, line breaks, pastes, formatting, a deletion in a form field with no
 * selection (one grapheme, whose length the event does not give), a range across text nodes, a
 * deletion that empties its text node. A prediction is only a head start: the caller reads the
 * composer again after the edit and counts what it finds if it differs (the browser may type a
 * non-breaking space, the page may cancel).
 */
export function composerTextAfterInput(composer: Element, event: InputEvent): string | null {
  if (!PREDICTABLE_INPUT.has(event.inputType) || event.isComposing) return null;
  const inserted = event.inputType === 'insertText' ? event.data : '';
  if (typeof inserted !== 'string' || (event.inputType === 'insertText' && inserted === '')) return null;
  if (isFormField(composer)) {
    const { selectionStart: start, selectionEnd: end, value } = composer;
    if (start === null || end === null || (inserted === '' && start === end)) return null;
    return value.slice(0, start) + inserted + value.slice(end);
  }
  const range = event.getTargetRanges()[0];
  if (!range || event.getTargetRanges().length !== 1) return null;
  const node = range.startContainer;
  if (node !== range.endContainer || node.nodeType !== 3 || !composer.contains(node)) return null;
  const data = (node as Text).data;
  if (range.endOffset > data.length || (inserted === '' && range.collapsed)) return null;
  const replace = { node: node as Text, data: data.slice(0, range.startOffset) + inserted + data.slice(range.endOffset) };
  // Emptying a text node, the browser reshapes its block (a placeholder <br> comes in).
  if (replace.data === '') return null;
  return visibleText(composer, undefined, { preserveWhitespace: true, replace });
}

import { describe, expect, it } from 'vitest';
import { composerText, visibleText } from '@/lib/sites/text';

function el(html: string): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.firstElementChild!;
}

describe('composerText', () => {
  it.each([
    ['empty ProseMirror', '<div contenteditable="true" class="ProseMirror"><p><br class="ProseMirror-trailingBreak"></p></div>', ''],
    ['ProseMirror paragraphs', '<div class="ProseMirror"><p>one</p><p>two</p></div>', 'one\ntwo'],
    ['ProseMirror empty line between', '<div class="ProseMirror"><p>a</p><p><br class="ProseMirror-trailingBreak"></p><p>b</p></div>', 'a\n\nb'],
    ['ProseMirror hard break', '<div class="ProseMirror"><p>a<br>b</p></div>', 'a\nb'],
    ['TipTap with placeholder attribute', '<div class="tiptap ProseMirror"><p class="is-editor-empty" data-placeholder="Ask anything"><br class="ProseMirror-trailingBreak"></p></div>', ''],
    ['Quill blank', '<div class="ql-editor ql-blank"><p><br></p></div>', ''],
    ['Quill lines', '<div class="ql-editor"><p>Hello</p><p>world</p></div>', 'Hello\nworld'],
    ['Lexical spans', '<div data-lexical-editor="true"><p dir="ltr"><span data-lexical-text="true">Hi </span><span data-lexical-text="true">there</span></p></div>', 'Hi there'],
    ['spaces typed by the user are kept', '<div class="ProseMirror"><p>a   b  </p></div>', 'a   b  '],
    ['code block lines', '<div class="ProseMirror"><pre><code>x = 1\n  y = 2</code></pre></div>', 'x = 1\n  y = 2'],
  ])('%s', (_name, html, expected) => {
    expect(composerText(el(html))).toBe(expected);
  });

  it('reads a textarea value, special-token text included', () => {
    const t = document.createElement('textarea');
    t.value = 'line 1\n<|endoftext|>\r\n';
    expect(composerText(t)).toBe('line 1\n<|endoftext|>\r\n');
  });
});

describe('visibleText', () => {
  it('skips buttons, icons, hidden and screen-reader-only parts, and excluded parts', () => {
    const html = '<div><h4 class="sr-only">ChatGPT said:</h4><p>Answer <button>Copy</button></p><svg><text>x</text></svg><div hidden>secret</div><div class="thoughts">thinking</div><p>More</p></div>';
    expect(visibleText(el(html), '.thoughts')).toBe('Answer\nMore');
  });

  it('collapses source whitespace outside <pre>', () => {
    expect(visibleText(el('<div>\n   <p>  a   b </p>\n <p>c</p> </div>'))).toBe('a b\nc');
  });
});

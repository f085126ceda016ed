// The vendors' published examples, one table row each (sources in lib/attachments/rules.ts).
import { describe, expect, it } from 'vitest';
import { attachmentsLine } from '@/lib/attachments/line';
import {
  anthropicImageTokens, attachmentTokens, geminiImageTokens, openaiPatchCount, openaiPatchTokens, openaiTileTokens, ruleFor, summarize,
} from '@/lib/attachments/rules';

describe('OpenAI tile rule (Images and vision › Calculating costs)', () => {
  it.each([
    // [width, height, base, tile, tokens, where]
    [1024, 1024, 85, 170, 765, 'GPT-4o: "A 1024 x 1024 square image in detail: high mode costs 765 tokens"'],
    [2048, 4096, 85, 170, 1105, 'GPT-4o: "A 2048 x 4096 image in detail: high mode costs 1105 tokens"'],
    [500, 500, 85, 170, 255, 'one tile, no upscaling'],
    [1024, 1024, 70, 140, 630, 'GPT-5 base 70, tile 140: 70 + 4 × 140'],
    [1024, 1024, 2833, 5667, 25501, 'GPT-4o mini base 2833, tile 5667: 2833 + 4 × 5667'],
    [1024, 1024, 75, 150, 675, 'o1 / o3 base 75, tile 150'],
  ])('%i × %i at %i/%i is %i tokens (%s)', (w, h, base, tile, tokens) => {
    expect(openaiTileTokens(w, h, base, tile)).toBe(tokens);
  });
});

describe('OpenAI patch rule', () => {
  it.each([
    [1024, 1024, 1024, '"1024 x 1024 … 1024 tokens" (32 × 32 patches)'],
    [1800, 2400, 1452, '"1800 x 2400 … resized … 1452 tokens"'],
    [4000, 1474, 1449, 'over the cap: shrunk to whole patches under 1536 (63 × 23)'],
  ])('%i × %i is %i patches (%s)', (w, h, patches) => {
    expect(openaiPatchCount(w, h)).toBe(patches);
  });

  it('multiplies by the family multiplier (gpt-4.1-mini 1.62: 1024 × 1.62 = 1658.88, rounded)', () => {
    expect(openaiPatchTokens(1024, 1024, 1.62)).toBe(1659);
    expect(openaiPatchTokens(1024, 1024, 2.46)).toBe(2519);
  });
});

describe("Anthropic's (width × height) / 750 after its resize limits (Vision › Evaluate image size)", () => {
  it.each([
    [200, 200, 54, '"200x200 px (0.04 megapixels) ~54"'],
    [1000, 1000, 1334, '"1000x1000 px (1 megapixel) ~1334"'],
    [1092, 1092, 1590, '"1092x1092 px (1.19 megapixels) ~1590"'],
    [3000, 3000, 1599, 'scaled down to about 1,600 tokens (1095 × 1095)'],
    [4000, 500, 410, 'long edge scaled to 1568 px: 1568 × 196 / 750'],
  ])('%i × %i is %i tokens (%s)', (w, h, tokens) => {
    expect(anthropicImageTokens(w, h)).toBe(tokens);
  });
});

describe("Gemini's fixed cost per image or per tile", () => {
  it.each([
    [384, 384, 258, '"both dimensions <= 384 pixels are counted as 258 tokens"'],
    [768, 768, 258, 'one 768 × 768 tile'],
    [1024, 1024, 1032, 'four tiles of 258'],
  ])('Gemini 2.x: %i × %i is %i tokens (%s)', (w, h, tokens) => {
    expect(geminiImageTokens(w, h)).toBe(tokens);
  });

  it('Gemini 3 prices any image at the default high resolution (1120) and a PDF page at medium (560)', () => {
    const rule = ruleFor('google/gemini-3.1-pro');
    expect(attachmentTokens({ kind: 'image', name: 'a.png' }, rule)).toEqual({ min: 1120, max: 1120, exact: true });
    expect(attachmentTokens({ kind: 'pdf', name: 'a.pdf', pages: 10 }, rule)).toEqual({ min: 5600, max: 5600, exact: true });
  });

  it('Gemini 2.5: a PDF page is 258 tokens', () => {
    expect(attachmentTokens({ kind: 'pdf', name: 'a.pdf', pages: 3 }, ruleFor('google/gemini-2.5-flash'))).toEqual({ min: 774, max: 774, exact: true });
  });
});

describe('which rule a model uses is data', () => {
  it.each([
    ['openai/gpt-4o', 'GPT-4o / 4.1 / 4.5 (tiles)'],
    ['openai/gpt-4.1', 'GPT-4o / 4.1 / 4.5 (tiles)'],
    ['openai/gpt-4.1-mini', 'GPT-4.1 mini (patches)'],
    ['openai/gpt-4.1-nano', 'GPT-4.1 nano (patches)'],
    ['openai/gpt-4o-mini', 'GPT-4o mini (tiles)'],
    ['openai/gpt-5', 'GPT-5.x (tiles)'],
    ['openai/gpt-5.5', 'GPT-5.x (tiles)'],
    ['openai/gpt-chat-latest', 'GPT-5.x (tiles)'],
    ['openai/gpt-5-mini', 'GPT-5 mini (patches)'],
    ['openai/gpt-5.4-nano', 'GPT-5 nano (patches)'],
    ['openai/o4-mini', 'o4-mini (patches)'],
    ['openai/o3', 'o1 / o3 (tiles)'],
    ['anthropic/claude-sonnet-5-5', 'Claude'],
    ['google/gemini-2.5-pro', 'Gemini 2.x'],
    ['google/gemini-3-pro-preview', 'Gemini 3'],
  ])('%s → %s', (model, family) => {
    expect(ruleFor(model)?.family).toBe(family);
  });

  it('a model with no rule prices no image (not priced, never 0)', () => {
    expect(ruleFor('deepseek/deepseek-chat')).toBeNull();
    expect(attachmentTokens({ kind: 'image', name: 'a.png', width: 100, height: 100 }, null)).toBeNull();
  });
});

describe('ranges and what is not priced', () => {
  it('a Claude PDF is 1,500–3,000 tokens a page, a range, never a midpoint', () => {
    expect(attachmentTokens({ kind: 'pdf', name: 'r.pdf', pages: 12 }, ruleFor('anthropic/claude-opus-4-8'))).toEqual({ min: 18000, max: 36000, exact: false });
  });

  it('an image of unknown size and a PDF of unknown length are not priced', () => {
    const rule = ruleFor('anthropic/claude-opus-4-8');
    expect(attachmentTokens({ kind: 'image', name: 'a.png' }, rule)).toBeNull();
    expect(attachmentTokens({ kind: 'pdf', name: 'a.pdf' }, rule)).toBeNull();
    expect(attachmentTokens({ kind: 'other', name: 'a.docx' }, rule)).toBeNull();
  });

  it('a text file is its counted tokens', () => {
    expect(attachmentTokens({ kind: 'text', name: 'a.txt', textTokens: 42, textExact: true }, null)).toEqual({ min: 42, max: 42, exact: true });
  });

  it('sums per kind, and the pill line keeps the range and says what is not priced', () => {
    const s = summarize([
      { kind: 'image', name: 'a.png', width: 1000, height: 1000 },
      { kind: 'image', name: 'b.png', width: 200, height: 200 },
      { kind: 'pdf', name: 'r.pdf', pages: 12 },
      { kind: 'other', name: 'x.docx' },
    ], 'anthropic/claude-sonnet-5-5');
    expect(s).toMatchObject({ min: 1388 + 18000, max: 1388 + 36000, unpriced: 1, pdfPages: 12, exact: false });
    expect(attachmentsLine(s)).toBe('+ 2 images ≈ 1.4k tokens, 1 PDF (12 pages) 18k–36k tokens, 1 file not priced');
    expect(attachmentsLine(summarize([], 'anthropic/claude-sonnet-5-5'))).toBeNull();
  });

  it('an image the model cannot price is said so', () => {
    const s = summarize([{ kind: 'image', name: 'a.png', width: 10, height: 10 }], 'deepseek/deepseek-chat');
    expect(s).toMatchObject({ min: 0, max: 0, unpriced: 1 });
    expect(attachmentsLine(s)).toBe('+ 1 image not priced');
  });
});

// How sites write model names: dotted versions, same-price words dropped, other words kept.
import { describe, expect, it } from 'vitest';
import { dottedVersion, nameCandidates, NAME_WORDS, tidyName, withoutSamePriceWords } from '@/lib/models/names';

describe('tidyName', () => {
  it.each([
    ['  GPT-5.5  Thinking ', 'gpt-5.5 thinking'],
    ['Opus 4.5 (Extended thinking)', 'opus 4.5 extended thinking'],
    ['gpt_5 - 5', 'gpt 5-5'], // underscores are spaces, as in the catalog's own matching
    ['ＧＰＴ－５', 'gpt-5'], // full-width forms from CJK input methods
    ['GPT\u20115 Thinking', 'gpt-5 thinking'], // the non-breaking hyphen that keeps "GPT‑5" on one line
    ['GPT\u20105', 'gpt-5'], // hyphen
    ['GPT \u2013 5.2', 'gpt-5.2'], // en dash
    ['Sonnet 4.5 \u00b7 Extended', 'sonnet 4.5 extended'], // a middle dot between the model and a setting
    ['Opus 4.6 | High', 'opus 4.6 high'],
    ['x-ai/grok-4.3', 'x-ai/grok-4.3'], // an id's slash stays
    ['deepseek/deepseek-r1:free', 'deepseek/deepseek-r1:free'], // and its colon
  ])('%j → %j', (input, expected) => expect(tidyName(input)).toBe(expected));
});

describe('dottedVersion', () => {
  it.each([
    ['gpt-5-5', 'gpt-5.5'],
    ['gpt-4-1-mini', 'gpt-4.1-mini'],
    ['gpt-5-6-thinking', 'gpt-5.6-thinking'],
    ['claude-opus-4-7', 'claude-opus-4.7'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4.5'], // the date goes, the version gets its dot
    ['gpt-4o', null],
    ['gpt-5.5', null],
    ['claude-3-5-sonnet', 'claude-3.5-sonnet'],
    ['qwen3-235b-a22b', null], // no one-digit major joined to a minor by a dash
  ])('%j → %j', (input, expected) => expect(dottedVersion(input)).toBe(expected));
});

describe('withoutSamePriceWords', () => {
  it.each([
    ['Sonnet 4.6 Adaptive', 'sonnet 4.6'],
    ['Sonnet 4.5 Extended', 'sonnet 4.5'],
    ['Fable 5 Max', 'fable 5'],
    ['GPT-5.5 Thinking', 'gpt-5.5'],
    ['gpt-5-6-thinking', 'gpt-5-6'],
    ['Opus 4.5 (Extended thinking)', 'opus 4.5'],
    ['o3 high effort', 'o3'],
    ['GPT-5 Pro', null], // Pro is a different model: kept
    ['GPT-5.4 mini', null],
    ['Grok 4 Heavy', null],
    ['Thinking', null], // a word alone is a mode, not an empty name
  ])('%j → %j', (input, expected) => expect(withoutSamePriceWords(input)).toBe(expected));

  it('has an explicit rule for every word it knows, with a reason', () => {
    for (const word of NAME_WORDS) expect(word.why.length, word.word).toBeGreaterThan(10);
    expect(NAME_WORDS.filter((w) => !w.samePrice).map((w) => w.word)).toEqual(expect.arrayContaining(['pro', 'mini', 'heavy']));
  });
});

describe('nameCandidates', () => {
  it('tries the name as written first, then without same-price words, each with dotted versions', () => {
    expect(nameCandidates('gpt-5-6-thinking')).toEqual(['gpt-5-6-thinking', 'gpt-5.6-thinking', 'gpt-5-6', 'gpt-5.6']);
    expect(nameCandidates('Qwen3-Max')).toEqual(['qwen3-max', 'qwen3']);
    expect(nameCandidates('   ')).toEqual([]);
  });

  it('tries a spaced name with dashes after each of its forms', () => {
    expect(nameCandidates('Mistral Medium 3.1')).toEqual(['mistral medium 3.1', 'mistral-medium-3.1', 'mistral 3.1', 'mistral-3.1']);
    expect(nameCandidates('Claude Opus 4-7 High')).toEqual(['claude opus 4-7 high', 'claude opus 4.7 high', 'claude-opus-4-7-high', 'claude-opus-4.7-high', 'claude opus 4-7', 'claude opus 4.7', 'claude-opus-4-7', 'claude-opus-4.7']);
  });
});

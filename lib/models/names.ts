/**
 * How the sites write model names, and how to read them as catalog names. Pure data and functions:
 * the words that change nothing about the price (a mode or effort setting of the same API model)
 * are dropped; every other word stays part of the name, so "GPT-5 Pro" never becomes "GPT-5".
 * Nothing here guesses from a family prefix: every candidate is an exact catalog lookup.
 */

/** A word a site adds to a model's name. */
export interface NameWord {
  /** Lower case, as it stands between spaces, dashes or brackets. */
  word: string;
  /** True: the same API model at the same price (a request setting), so the word is dropped. */
  samePrice: boolean;
  why: string;
}

/**
 * The words seen on real pages and streams (2025-11 → 2026-09). Words that name a different model
 * ("Pro", "mini", "Heavy") are listed too, so the rule for each is explicit and tested.
 */
export const NAME_WORDS: readonly NameWord[] = [
  { word: 'thinking', samePrice: true, why: 'reasoning effort on the same model: ChatGPT "GPT-5.5 Thinking" and slug `gpt-5-6-thinking`; Claude extended thinking' },
  { word: 'extended', samePrice: true, why: 'Claude\'s "Extended" (extended thinking) is a request setting, billed at the model\'s rates' },
  { word: 'adaptive', samePrice: true, why: 'Claude\'s "Adaptive" thinking is a request setting of the same model' },
  { word: 'max', samePrice: true, why: 'Claude\'s "Max" effort level is a request setting of the same model (only tried after the exact name, so "Qwen3-Max" stays a model)' },
  { word: 'effort', samePrice: true, why: '"High effort" and the like set reasoning effort, not the model' },
  { word: 'high', samePrice: true, why: 'reasoning effort level' },
  { word: 'medium', samePrice: true, why: 'reasoning effort level' },
  { word: 'low', samePrice: true, why: 'reasoning effort level' },
  { word: 'standard', samePrice: true, why: 'ChatGPT "Standard" thinking time' },
  { word: 'instant', samePrice: true, why: 'ChatGPT "Instant" answers without reasoning on the same version (an exact catalog label such as "GPT-5.3 Instant" is matched first)' },
  { word: 'pro', samePrice: false, why: '"GPT-5 Pro" is a different, pricier API model' },
  { word: 'mini', samePrice: false, why: 'a smaller, cheaper model' },
  { word: 'nano', samePrice: false, why: 'a smaller, cheaper model' },
  { word: 'heavy', samePrice: false, why: 'Grok Heavy runs several agents: no single API model at one price' },
  { word: 'deep research', samePrice: false, why: 'an agent product billed per step, not a model' },
];

const DROPPED = NAME_WORDS.filter((w) => w.samePrice).map((w) => w.word);
const DROP_PATTERN = new RegExp(`(^|[\\s\\-(])(?:${DROPPED.join('|')})(?=$|[\\s\\-)])`, 'g');

/**
 * Hyphens as typeset (U+2010 hyphen, U+2011 the non-breaking one that keeps "GPT‑5" on one line,
 * U+2012 figure dash, U+2013 en dash, U+2212 minus): NFKC leaves them as they are, and a name
 * written with one is the same name.
 */
const TYPESET_HYPHENS = /[\u2010-\u2013\u2212]/g;
/**
 * Marks that sit between a model's name and a setting in a label ("Sonnet 4.5 · Extended"). Not
 * `/` or `:`, which are part of ids (`x-ai/grok-4.3`, `deepseek/deepseek-r1:free`).
 */
const LABEL_SEPARATORS = /[\u00b7\u2022\u2027\u22c5|]/g;

/** Case, spacing, underscores, brackets, typeset hyphens and separators never distinguish two names. */
export function tidyName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(TYPESET_HYPHENS, '-')
    .replace(LABEL_SEPARATORS, ' ')
    .replace(/[()[\]]/g, ' ')
    .replace(/[\s_]+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .trim();
}

/** The name without the words that do not change the price; null when nothing would change. */
export function withoutSamePriceWords(name: string): string | null {
  const tidy = tidyName(name);
  let stripped = tidy;
  // Repeat: "…-thinking-max" drops both words; adjacent matches share a separator.
  for (let i = 0; i < 4; i++) {
    const next = stripped.replace(DROP_PATTERN, '$1').replace(/[\s-]{2,}/g, (m) => (m.includes(' ') ? ' ' : '-')).replace(/^[\s-]+|[\s-]+$/g, '');
    if (next === stripped) break;
    stripped = next;
  }
  return stripped && stripped !== tidy ? stripped : null;
}

/** A trailing release date (`-20250514`, `-2025-05-14`): a dated snapshot is the same model. */
const DATE_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2})$/;

/**
 * Versions written with dashes (`gpt-5-5`, `gpt-4-1-mini`, `claude-opus-4-7`) as the catalog's
 * dotted versions: a one-digit major followed by a one- or two-digit minor.
 */
export function dottedVersion(name: string): string | null {
  const undated = name.replace(DATE_SUFFIX, '');
  const dotted = undated.replace(/(^|[^\d.])(\d)-(\d{1,2})(?=$|[^\d])/g, '$1$2.$3');
  return dotted !== name ? dotted : null;
}

/**
 * The name with its spaces as dashes, the way API ids are written: the page says "Mistral Medium
 * 3.1" where the catalog knows `mistral-medium-3.1`. Null when it has no space.
 */
export function dashedName(name: string): string | null {
  return name.includes(' ') ? name.replace(/ /g, '-') : null;
}

/**
 * The names to look up for what a site showed, most literal first: as written, then without the
 * same-price words; each also with dotted versions, then with dashes for spaces.
 */
export function nameCandidates(name: string): string[] {
  const tidy = tidyName(name);
  if (!tidy) return [];
  const out: string[] = [];
  const add = (n: string | null) => {
    if (n && !out.includes(n)) out.push(n);
  };
  const addForms = (n: string) => {
    const dotted = dottedVersion(n);
    add(n);
    add(dotted);
    add(dashedName(n));
    if (dotted) add(dashedName(dotted));
  };
  addForms(tidy);
  const stripped = withoutSamePriceWords(tidy);
  if (stripped) addForms(stripped);
  return out;
}

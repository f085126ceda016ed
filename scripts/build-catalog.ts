/**
 * `npm run catalog`: derives lib/catalog/catalog.json from the price data bundled in
 * @pydantic/genai-prices (MIT) plus lib/catalog/curation.json (tokenizer facts, UI labels, and
 * corrections that each name their source and date). The output is committed, so builds are
 * offline and reproducible; this script needs no network either.
 *
 * `npm run catalog -- --suggest <prices.csv>` prints, for every row of a researched price table that
 * the generated catalog disagrees with, a correction entry to review and paste into curation.json.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { findProvider, type ConditionalPrice, type MatchLogic, type ModelInfo, type ModelPrice } from '@pydantic/genai-prices';
import { CATALOG_SCHEMA_VERSION, normalizeModelName, parseCatalog, type Catalog, type Model, type Price, type Reasoning, type Tier, type ToolPrice } from '../lib/catalog/schema';
import { parsePriceTable, type PriceRow } from '../lib/catalog/price-table';

// npm scripts and Vitest both run from the project root (WXT's test plugin rewrites import.meta.url).
const root = `${process.cwd()}/`;
const curationPath = `${root}lib/catalog/curation.json`;
const outputPath = `${root}lib/catalog/catalog.json`;

interface Curation {
  pricesAsOf: string;
  source: { package: string; version: string; publishedAt: string; license: string; providers: Record<string, string> };
  providers: { id: string; name: string }[];
  tokenizers: Catalog['tokenizers'];
  tokenizerRules: { match: string; tokenizer: string }[];
  skipModels: { match: string; reason: string }[];
  uiLabels: Record<string, string[]>;
  /** Which models reason (issue 18): the first rule whose pattern matches a model id decides. */
  reasoningRules: { match: string; mode: Reasoning['mode']; source: string; date: string }[];
  /** Published per-call tool prices (issue 18), copied as they are. */
  toolPrices: ToolPrice[];
  corrections: Correction[];
}

interface Correction {
  model: string;
  /** Why the source is overridden; required so no correction is unexplained. */
  reason: string;
  source: string;
  date: string;
  name?: string;
  contextWindow?: number;
  aliases?: string[];
  dropAliases?: string[];
  price?: Partial<Omit<Price, 'checkedAt' | 'source'>> & { removeCachedInput?: boolean; removeCacheWrite?: boolean };
  remove?: boolean;
}

const curation = JSON.parse(readFileSync(curationPath, 'utf8')) as Curation;
const installed = JSON.parse(readFileSync(`${root}node_modules/@pydantic/genai-prices/package.json`, 'utf8')) as { version: string };
if (installed.version !== curation.source.version) {
  throw new Error(`curation.json describes @pydantic/genai-prices ${curation.source.version}, but ${installed.version} is installed`);
}

/** The price entry in force on `asOf`: the last unconstrained or started one (time-of-day peaks are skipped). */
function priceInForce(prices: ConditionalPrice[] | ModelPrice, asOf: string): ModelPrice {
  if (!Array.isArray(prices)) return prices;
  let chosen: ModelPrice | undefined;
  for (const entry of prices) {
    const c = entry.constraint;
    if (!c || (c.type === 'start_date' && c.start_date <= asOf)) chosen = entry.prices;
  }
  if (!chosen) throw new Error('no price in force');
  return chosen;
}

type TieredValue = number | { base: number; tiers: { start: number; price: number }[] } | undefined;

function baseOf(v: TieredValue): number | undefined {
  return typeof v === 'number' ? v : v?.base;
}

/** genai-prices tiers apply when the prompt is greater than `start`; ours start at a token count. */
function convertTiers(fields: Record<'input' | 'cachedInput' | 'cacheWrite' | 'output', TieredValue>): Tier[] {
  const byStart = new Map<number, Tier>();
  for (const [field, value] of Object.entries(fields)) {
    if (!value || typeof value === 'number') continue;
    for (const t of value.tiers) {
      const from = t.start + 1;
      const tier = byStart.get(from) ?? { fromInputTokens: from };
      (tier as Record<string, number>)[field] = t.price;
      byStart.set(from, tier);
    }
  }
  return [...byStart.values()].sort((a, b) => a.fromInputTokens - b.fromInputTokens);
}

function aliasesOf(match: MatchLogic): string[] {
  if ('equals' in match) return [match.equals];
  if ('starts_with' in match) return [match.starts_with];
  if ('or' in match) return match.or.flatMap(aliasesOf);
  return []; // contains / regex / and: never turned into names, so matching never guesses
}

function tokenizerFor(id: string): string {
  for (const rule of curation.tokenizerRules) if (new RegExp(rule.match).test(id)) return rule.tokenizer;
  throw new Error(`no tokenizer rule matches ${id}`);
}

function fromSource(providerId: string, sourceProvider: string, info: ModelInfo): Model | undefined {
  const p = priceInForce(info.prices, curation.pricesAsOf) as Record<string, TieredValue>;
  const input = baseOf(p.input_mtok);
  const output = baseOf(p.output_mtok);
  if (input === undefined || output === undefined) return undefined; // not a text-token model
  const id = `${providerId}/${info.id}`;
  const price: Price = {
    input,
    output,
    tiers: convertTiers({ input: p.input_mtok, cachedInput: p.cache_read_mtok, cacheWrite: p.cache_write_mtok, output: p.output_mtok }),
    checkedAt: curation.source.publishedAt,
    source: `${curation.source.package}@${curation.source.version} (${sourceProvider}/${info.id})`,
  };
  const cachedInput = baseOf(p.cache_read_mtok);
  const cacheWrite = baseOf(p.cache_write_mtok);
  if (cachedInput !== undefined) price.cachedInput = cachedInput;
  if (cacheWrite !== undefined) price.cacheWrite = cacheWrite;
  const model: Model = {
    id,
    provider: providerId,
    name: info.name ?? info.id,
    aliases: [...new Set([info.id, ...aliasesOf(info.match)].map((a) => a.toLowerCase()))],
    uiLabels: [],
    tokenizer: tokenizerFor(id),
    price,
  };
  if (info.context_window) model.contextWindow = info.context_window;
  return model;
}

function applyCorrection(models: Map<string, Model>, c: Correction): void {
  if (c.remove) {
    models.delete(c.model);
    return;
  }
  let model = models.get(c.model);
  if (!model) {
    if (!c.price || c.price.input === undefined || c.price.output === undefined || !c.name) {
      throw new Error(`correction for ${c.model}: adding a model needs name and price.input/output`);
    }
    const [provider, ...rest] = c.model.split('/');
    model = {
      id: c.model,
      provider: provider!,
      name: c.name,
      aliases: [rest.join('/').toLowerCase()],
      uiLabels: [],
      tokenizer: tokenizerFor(c.model),
      price: { input: c.price.input, output: c.price.output, tiers: [], checkedAt: c.date, source: c.source },
    };
    models.set(c.model, model);
    // The added model takes its names from any source model that listed them as aliases.
    const names = new Set([...model.aliases, ...(c.aliases ?? [])].map((a) => a.toLowerCase()));
    for (const other of models.values()) {
      if (other !== model) other.aliases = other.aliases.filter((a) => !names.has(a));
    }
  }
  if (c.name) model.name = c.name;
  if (c.contextWindow) model.contextWindow = c.contextWindow;
  if (c.dropAliases) model.aliases = model.aliases.filter((a) => !c.dropAliases!.includes(a));
  if (c.aliases) model.aliases = [...new Set([...model.aliases, ...c.aliases.map((a) => a.toLowerCase())])];
  if (c.price) {
    const { removeCachedInput, removeCacheWrite, ...rates } = c.price;
    Object.assign(model.price, rates, { checkedAt: c.date, source: c.source });
    if (removeCachedInput) delete model.price.cachedInput;
    if (removeCacheWrite) delete model.price.cacheWrite;
  }
}

export function buildCatalog(): Catalog {
  const models = new Map<string, Model>();
  for (const [providerId, sourceProvider] of Object.entries(curation.source.providers)) {
    const provider = findProvider({ providerId: sourceProvider });
    if (!provider) throw new Error(`genai-prices has no provider ${sourceProvider}`);
    for (const info of provider.models) {
      const model = fromSource(providerId, sourceProvider, info);
      if (model && !curation.skipModels.some((s) => new RegExp(s.match).test(model.id))) models.set(model.id, model);
    }
  }
  for (const c of curation.corrections) applyCorrection(models, c);
  for (const [id, labels] of Object.entries(curation.uiLabels)) {
    const model = models.get(id);
    if (!model) throw new Error(`uiLabels names unknown model ${id}`);
    model.uiLabels = labels;
  }
  applyReasoningRules([...models.values()]);
  dropAmbiguousAliases([...models.values()]);
  const sorted = [...models.values()].sort((a, b) => a.id.localeCompare(b.id));
  const dataAsOf = sorted.map((m) => m.price.checkedAt).sort().at(-1)!;
  const body = {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    dataAsOf,
    sources: [
      { name: curation.source.package, version: curation.source.version, license: curation.source.license },
      { name: 'lib/catalog/curation.json (Spendmeter corrections)', version: curation.pricesAsOf, license: 'MIT' },
    ],
    tokenizers: curation.tokenizers,
    providers: curation.providers,
    models: sorted,
    toolPrices: curation.toolPrices,
  };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 10);
  return parseCatalog({ ...body, version: `${curation.pricesAsOf}.${hash}` });
}

/** Marks the models that reason; a rule that matches no model is a mistake in the curation. */
function applyReasoningRules(models: Model[]): void {
  const used = new Set<number>();
  for (const model of models) {
    const at = curation.reasoningRules.findIndex((r) => new RegExp(r.match).test(model.id));
    if (at < 0) continue;
    const rule = curation.reasoningRules[at]!;
    model.reasoning = { mode: rule.mode, source: rule.source, checkedAt: rule.date };
    used.add(at);
  }
  curation.reasoningRules.forEach((r, i) => {
    if (!used.has(i)) throw new Error(`reasoning rule ${r.match} matches no model`);
  });
}

/**
 * Two source models sometimes list the same alias (a family name, an old snapshot). A name that
 * points at two models would make matching a guess, so such an alias is dropped from both.
 */
function dropAmbiguousAliases(models: Model[]): void {
  const owners = new Map<string, Set<string>>();
  for (const m of models) {
    for (const a of [m.id, ...m.aliases, ...m.uiLabels].map(normalizeModelName)) {
      const set = owners.get(a) ?? new Set();
      set.add(m.id);
      owners.set(a, set);
    }
  }
  for (const m of models) m.aliases = m.aliases.filter((a) => owners.get(normalizeModelName(a))!.size === 1);
}

function suggest(csvPath: string, catalog: Catalog): void {
  const rows = parsePriceTable(readFileSync(csvPath, 'utf8'));
  const byId = new Map(catalog.models.map((m) => [m.id, m]));
  for (const row of rows) {
    const id = `${row.provider}/${row.modelId}`;
    const model = byId.get(id);
    const diffs = model ? comparePrice(row, model) : ['missing'];
    if (diffs.length === 0) continue;
    const price: Record<string, unknown> = { input: row.input, output: row.output };
    if (row.cachedInput !== undefined) price.cachedInput = row.cachedInput;
    else if (model?.price.cachedInput !== undefined) price.removeCachedInput = true;
    if (row.cacheWrite !== undefined) price.cacheWrite = row.cacheWrite;
    if (row.longThreshold !== undefined) {
      price.tiers = [{ fromInputTokens: row.longThreshold, input: row.longInput, output: row.longOutput }];
    } else if (model?.price.tiers.length) price.tiers = [];
    const reason = model ? `${curation.source.package}@${curation.source.version} differs: ${diffs.join('; ')}` : `not in ${curation.source.package}@${curation.source.version}`;
    const aliases = model ? [] : row.aliases.map((a) => a.toLowerCase()).filter((a) => !/\s/.test(a));
    console.log(JSON.stringify({ model: id, reason, source: row.source, date: row.sourceDate, ...(model ? {} : { name: row.modelId }), ...(aliases.length ? { aliases } : {}), ...(row.contextWindow && !model ? { contextWindow: row.contextWindow } : {}), price }) + ',');
  }
}

/** Differences between a researched row and a catalog model, as short phrases (empty when they agree). */
export function comparePrice(row: PriceRow, model: Model): string[] {
  const p = model.price;
  const diffs: string[] = [];
  const same = (a: number | undefined, b: number | undefined) => (a === undefined ? b === undefined : b !== undefined && Math.abs(a - b) < 1e-9);
  if (!same(row.input, p.input)) diffs.push(`input ${p.input} vs ${row.input}`);
  if (!same(row.output, p.output)) diffs.push(`output ${p.output} vs ${row.output}`);
  if (row.cachedInput !== undefined && !same(row.cachedInput, p.cachedInput)) diffs.push(`cached ${p.cachedInput} vs ${row.cachedInput}`);
  if (row.cacheWrite !== undefined && !same(row.cacheWrite, p.cacheWrite)) diffs.push(`cache write ${p.cacheWrite} vs ${row.cacheWrite}`);
  const tier = p.tiers[0];
  if (row.longThreshold !== undefined) {
    // The table's single threshold column does not say whether the boundary token is included.
    if (!tier || Math.abs(tier.fromInputTokens - row.longThreshold) > 1) diffs.push(`tier at ${tier?.fromInputTokens} vs ${row.longThreshold}`);
    else {
      if (!same(row.longInput, tier.input ?? p.input)) diffs.push(`long input ${tier.input} vs ${row.longInput}`);
      if (!same(row.longOutput, tier.output ?? p.output)) diffs.push(`long output ${tier.output} vs ${row.longOutput}`);
    }
  }
  return diffs;
}

const isMain = process.argv[1] && new URL(`file://${process.argv[1]}`).pathname.endsWith('build-catalog.ts');
if (isMain) {
  const catalog = buildCatalog();
  const at = process.argv.indexOf('--suggest');
  if (at >= 0) suggest(process.argv[at + 1] ?? '', catalog);
  else {
    writeFileSync(outputPath, JSON.stringify(catalog, null, 1) + '\n');
    console.log(`wrote ${outputPath}: ${catalog.models.length} models, data as of ${catalog.dataAsOf}, version ${catalog.version}`);
  }
}

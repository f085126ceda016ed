/**
 * Reads a researched price table (the CSV format of ../shared/reference/prices.csv): one row per
 * provider and model, USD per million tokens, one optional long-context tier. Used by the catalog
 * build's `--suggest` mode and by the cross-check test, never at run time.
 */
export interface PriceRow {
  provider: string;
  modelId: string;
  aliases: string[];
  input: number;
  cachedInput?: number;
  cacheWrite?: number;
  output: number;
  longThreshold?: number;
  longInput?: number;
  longOutput?: number;
  contextWindow?: number;
  source: string;
  sourceDate: string;
}

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export function parsePriceTable(text: string): PriceRow[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`price table has no column ${name}`);
    return i;
  };
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));
  const c = {
    provider: col('provider'), model: col('model_id'), aliases: col('aliases'), input: col('input_per_mtok'),
    cached: col('cached_input_per_mtok'), write: col('cache_write_per_mtok'), output: col('output_per_mtok'),
    threshold: col('long_context_threshold_tokens'), longIn: col('long_input_per_mtok'), longOut: col('long_output_per_mtok'),
    context: col('context_window'), source: col('source'), date: col('source_date'),
  };
  return rows.map((r) => ({
    provider: r[c.provider]!,
    modelId: r[c.model]!,
    aliases: (r[c.aliases] ?? '').split('|').map((a) => a.replace(/\s*\(.*\)\s*$/, '').trim()).filter(Boolean),
    input: num(r[c.input])!,
    cachedInput: num(r[c.cached]),
    cacheWrite: num(r[c.write]),
    output: num(r[c.output])!,
    longThreshold: num(r[c.threshold]),
    longInput: num(r[c.longIn]),
    longOutput: num(r[c.longOut]),
    contextWindow: num(r[c.context]),
    source: r[c.source] ?? '',
    sourceDate: r[c.date] ?? '',
  }));
}

/**
 * The pill's attachments line, a pure function of the summary:
 * "+ 2 images ≈ 1.6k tokens, 1 PDF (12 pages) 18k–36k tokens, 1 file not priced".
 * A range stays a range (never a midpoint); what cannot be priced says so.
 */
import { formatTokens } from '../format';
import type { AttachmentKind, AttachmentSummary } from './rules';

const NOUNS: Record<AttachmentKind, [string, string]> = {
  image: ['image', 'images'],
  pdf: ['PDF', 'PDFs'],
  text: ['text file', 'text files'],
  other: ['file', 'files'],
};

const plural = (n: number, kind: AttachmentKind) => `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`;

function tokens(min: number, max: number, exact: boolean): string {
  if (min === max) return `${exact ? '' : '≈ '}${formatTokens(min)} tokens`;
  return `${formatTokens(min)}–${formatTokens(max)} tokens`;
}

/** Per kind, what is priced and what is not; null when the draft has no attachments. */
export function attachmentsLine(s: AttachmentSummary): string | null {
  const parts: string[] = [];
  for (const kind of ['image', 'pdf', 'text', 'other'] as const) {
    const n = s.counts[kind];
    if (n === 0) continue;
    const ok = s.priced[kind];
    const { min, max } = s.byKind[kind];
    // Image figures apply a vendor's formula to the size the page holds: an estimate of the bill.
    const exact = kind === 'text' && s.exact;
    const pages = kind === 'pdf' && s.pdfPages > 0 ? ` (${s.pdfPages} page${s.pdfPages === 1 ? '' : 's'})` : '';
    if (ok === 0) parts.push(`${plural(n, kind)} not priced`);
    else if (ok === n) parts.push(`${plural(n, kind)}${pages} ${tokens(min, max, exact && min === max)}`);
    else parts.push(`${plural(n, kind)}${pages} ${tokens(min, max, false)} + ${n - ok} not priced`);
  }
  return parts.length ? `+ ${parts.join(', ')}` : null;
}

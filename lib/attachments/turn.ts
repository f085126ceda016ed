/** A draft's attachment summary as a turn records it (counts and a token range, no names). */
import { NO_ATTACHMENTS, type TurnAttachments } from '../messaging/protocol';
import type { AttachmentSummary } from './rules';

export function turnAttachments(s: AttachmentSummary | null | undefined): TurnAttachments {
  if (!s) return NO_ATTACHMENTS;
  return {
    images: s.counts.image,
    pdfs: s.counts.pdf,
    pdfPages: s.pdfPages,
    textFiles: s.counts.text,
    otherFiles: s.counts.other,
    unpriced: s.unpriced,
    tokensMin: s.min,
    tokensMax: s.max,
  };
}

/**
 * Tracking health: what the page tracker found (composer, transcript, model label), what the site
 * requires, why the site's own usage figures are not used, and an unrecognised model name. Sent to
 * the background when it changes, and only after the page had a while to render.
 */
import type { HealthMessage } from '../messaging/protocol';
import type { SiteId } from '../sites/hosts';
import type { ReaderState } from '../usage/bridge';

/** Missing parts are reported only after the page had this long to render. */
export const HEALTH_GRACE_MS = 4000;

export interface HealthFacts {
  composer: boolean;
  transcript: boolean;
  modelLabel: boolean;
  /** The URL names a conversation, so a transcript must be there. */
  inConversation: boolean;
  modelLabelRequired: boolean;
  note: string | null;
  unrecognisedModel: HealthMessage['unrecognisedModel'];
}

/** The health message for these facts. */
export function healthReport(site: SiteId, facts: HealthFacts): HealthMessage {
  const required: HealthMessage['required'] = ['composer'];
  if (facts.inConversation) required.push('transcript');
  if (facts.modelLabelRequired) required.push('modelLabel');
  return {
    kind: 'health',
    site,
    found: { composer: facts.composer, transcript: facts.transcript, modelLabel: facts.modelLabel },
    required,
    note: facts.note,
    unrecognisedModel: facts.unrecognisedModel,
  };
}

/** Why the site's own figures are not being used, or null when they are (or the site has none). */
export function usageNote(state: ReaderState | null, streamProblem: string | null, turnsSeen: number): string | null {
  if (state === null) return null;
  if (state === 'failed' || (state === 'starting' && turnsSeen > 0)) return 'exact usage unavailable: the usage reader did not start; using the counts from the page';
  if (streamProblem) return `exact usage unavailable: ${streamProblem}; using the counts from the page`;
  return null;
}

/** Sends a health report when it differs from the last one sent (again after a failed send). */
export class HealthReporter {
  private last = '';

  constructor(
    private readonly send: (message: HealthMessage) => Promise<unknown>,
    private readonly startedAt: number,
  ) {}

  report(now: number, site: SiteId, facts: () => HealthFacts): void {
    if (now - this.startedAt < HEALTH_GRACE_MS) return;
    const report = healthReport(site, facts());
    const key = JSON.stringify(report);
    if (key === this.last) return;
    this.last = key;
    this.send(report).catch(() => {
      this.last = ''; // try again on a later flush
    });
  }
}

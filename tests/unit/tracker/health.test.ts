// Health: nothing before the grace period, a report only when it changed, sent again after a
// failed send; what is required depends on the page; why the site's figures are not used.
import { describe, expect, it } from 'vitest';
import { HEALTH_GRACE_MS, healthReport, HealthReporter, usageNote, type HealthFacts } from '@/lib/tracker/health';

const facts = (over: Partial<HealthFacts> = {}): HealthFacts => ({
  composer: true, transcript: false, modelLabel: true, inConversation: false, modelLabelRequired: false, note: null, unrecognisedModel: null, ...over,
});

describe('healthReport', () => {
  it('requires a transcript in a conversation and a label where the site needs one', () => {
    expect(healthReport('claude', facts()).required).toEqual(['composer']);
    expect(healthReport('claude', facts({ inConversation: true, modelLabelRequired: true })).required).toEqual(['composer', 'transcript', 'modelLabel']);
    expect(healthReport('claude', facts({ composer: false })).found).toEqual({ composer: false, transcript: false, modelLabel: true });
  });
});

describe('usageNote', () => {
  it.each([
    [null, null, 0, null],
    ['running', null, 3, null],
    ['starting', null, 0, null],
    ['starting', null, 1, 'exact usage unavailable: the usage reader did not start; using the counts from the page'],
    ['failed', null, 0, 'exact usage unavailable: the usage reader did not start; using the counts from the page'],
    ['running', 'no usage event', 1, 'exact usage unavailable: no usage event; using the counts from the page'],
  ] as const)('%s, %s, %i turns', (state, problem, turns, note) => {
    expect(usageNote(state, problem, turns)).toBe(note);
  });
});

describe('HealthReporter', () => {
  it('waits for the grace period, sends changes only, and sends again after a failure', async () => {
    const sent: unknown[] = [];
    let fail = false;
    const reporter = new HealthReporter(async (m) => {
      sent.push(m);
      if (fail) throw new Error('asleep');
    }, 0);
    reporter.report(HEALTH_GRACE_MS - 1, 'claude', () => facts());
    expect(sent).toHaveLength(0);
    reporter.report(HEALTH_GRACE_MS, 'claude', () => facts());
    reporter.report(HEALTH_GRACE_MS + 1, 'claude', () => facts());
    expect(sent).toHaveLength(1);
    fail = true;
    reporter.report(HEALTH_GRACE_MS + 2, 'claude', () => facts({ composer: false }));
    await Promise.resolve();
    await Promise.resolve();
    fail = false;
    reporter.report(HEALTH_GRACE_MS + 3, 'claude', () => facts({ composer: false }));
    expect(sent).toHaveLength(3);
  });
});

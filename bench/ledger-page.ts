/**
 * Bundled for the browser and run inside the extension's own options page (its origin, its real
 * IndexedDB), so the ledger figures are measured where the product runs them.
 */
import { openLedgerDb, recordTurn, recordTurns, type NewTurn } from '../lib/ledger';
import { SUPPORTED_SITES } from '../lib/sites/hosts';

const DAY = 86_400_000;

function turnAt(i: number, finishedAt: number): NewTurn {
  const site = SUPPORTED_SITES[i % SUPPORTED_SITES.length]!.id;
  const priced = i % 17 !== 0;
  return {
    site, conversationId: `bench-${Math.floor(i / 10)}`, promptKey: `u${i}`, replyKey: `a${i}`,
    model: priced ? `${site}/model-${i % 3}` : 'unknown', modelLabel: null, catalogVersion: 'bench',
    sentAt: finishedAt - 8000, finishedAt,
    promptTokens: 200 + (i % 500), contextTokens: (i % 10) * 900, overheadTokens: 0, outputTokens: 400 + (i % 700),
    reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false, modelSource: 'picker', replyOpaque: null, exactPrompt: true, exactContext: true, exactOutput: false, regenerated: false,
    priced, usd: priced ? ((i % 97) + 1) / 10_000 : null, upperBound: false, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false,
  };
}

const db = openLedgerDb();

(globalThis as unknown as { spendmeterBench: unknown }).spendmeterBench = {
  /** `count` turns spread evenly over the `days` days up to `now`. Resolves to the seconds taken. */
  async seed(count: number, days: number, now: number): Promise<number> {
    const started = performance.now();
    const turns = Array.from({ length: count }, (_, i) => turnAt(i, now - Math.floor(((count - i) / count) * days * DAY)));
    await recordTurns(db, turns);
    return (performance.now() - started) / 1000;
  },
  /** Times `count` single writes (what the background does per turn), in ms each. */
  async writes(count: number, now: number): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const turn = turnAt(10_000_000 + i, now - 1000);
      const t = performance.now();
      await recordTurn(db, turn);
      samples.push(performance.now() - t);
    }
    return samples;
  },
};

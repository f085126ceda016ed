/**
 * What the background does with recorded turns and health reports. Nothing here lives only in
 * memory: the ledger, the settings and the health map are all stored, so a service worker that was
 * stopped and restarted picks up where it was.
 */
import { activeCatalog } from '../catalog/active';
import { recordTurn, type LedgerDb } from '../ledger';
import type { HealthMessage, LimitsMessage, RecordReply, TurnRecord } from '../messaging/protocol';
import { priceTurn } from '../pricing/turn';
import { loadSettings } from '../settings';
import type { BadgeApi } from './badge';
import { refreshStatus, type Notifier, type StatusRefresh } from './budgets';
import { healthFromReport, storeHealth } from './health';
import { recordLimits } from './limits';

export interface BackgroundServices {
  recordTurn(turn: TurnRecord): Promise<RecordReply>;
  reportHealth(report: HealthMessage): Promise<void>;
  /** Limit readings kept and announced (lib/background/limits), one report at a time. */
  recordLimits(report: LimitsMessage): Promise<void>;
  /** Badge, budget states and notices, recomputed; refreshes run one at a time. */
  refreshStatus(): Promise<StatusRefresh>;
}

export function createBackgroundServices(db: LedgerDb, action: BadgeApi, notifier: Notifier | null = null): BackgroundServices {
  // One refresh at a time, so two turns finishing together cannot both announce the same budget.
  let queue: Promise<unknown> = Promise.resolve();
  let limitQueue: Promise<unknown> = Promise.resolve();
  const refresh = (): Promise<StatusRefresh> => {
    const next = queue.then(() => refreshStatus(db, action, notifier));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async recordTurn(turn) {
      try {
        const settings = await loadSettings();
        const catalog = await activeCatalog(settings);
        const row = priceTurn(turn, catalog, settings.contextPricing);
        const { added, updated } = await recordTurn(db, row);
        if (added || updated) {
          await refresh();
        }
        return { status: 'ok', added, updated };
      } catch (err) {
        return { status: 'error', message: `could not record the turn: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    async reportHealth(report) {
      await storeHealth(report.site, healthFromReport(report, Date.now()));
    },
    recordLimits(report) {
      const next = limitQueue.then(() => recordLimits(report, notifier));
      limitQueue = next.catch(() => undefined);
      return next.then(() => undefined);
    },
    refreshStatus: refresh,
  };
}

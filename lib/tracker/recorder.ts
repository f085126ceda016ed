/**
 * Sends recorded turns to the background until one is acknowledged. The background's service worker
 * may be asleep or restarting; the write is idempotent, so retrying is always safe.
 */
import type { RecordReply, TurnRecord } from '../messaging/protocol';

export const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 15000, 30000, 60000];

export interface RecorderDeps {
  send(message: { kind: 'record-turn'; turn: TurnRecord }): Promise<unknown>;
  setTimeout(fn: () => void, ms: number): unknown;
  onError?(message: string): void;
}

export function createRecorder(deps: RecorderDeps) {
  const attempt = (turn: TurnRecord, tries: number): Promise<boolean> =>
    new Promise((resolve) => {
      const retry = (reason: string) => {
        const delay = RETRY_DELAYS_MS[tries];
        if (delay === undefined) {
          deps.onError?.(`a turn could not be recorded: ${reason}`);
          resolve(false);
          return;
        }
        deps.setTimeout(() => void attempt(turn, tries + 1).then(resolve), delay);
      };
      deps.send({ kind: 'record-turn', turn }).then(
        (reply) => {
          const r = reply as RecordReply | undefined;
          if (r?.status === 'ok') resolve(true);
          else retry(r?.message ?? 'no answer from the background');
        },
        (err: unknown) => retry(err instanceof Error ? err.message : String(err)),
      );
    });
  return { record: (turn: TurnRecord) => attempt(turn, 0) };
}

/**
 * The background's message router: parse, check the sender, dispatch. Nothing from a web page is
 * trusted: a content-script message is accepted only from this extension's content scripts on a
 * supported chat host; extension pages (popup, options) are identified by their origin.
 */
import type { Browser } from 'wxt/browser';
import { siteForUrl } from '../sites/hosts';
import type { CountAnswer } from '../tokens/counting-service';
import { describeZodError, MessageSchema, type CountMessage, type ErrorReply, type HealthMessage, type LimitsMessage, type RecordReply, type TurnRecord } from './protocol';

type Sender = Browser.runtime.MessageSender;

export interface CountingHost {
  count(request: CountMessage): Promise<CountAnswer>;
}

export interface RouterDeps {
  extensionId: string;
  extensionOrigin: string;
  counting: CountingHost;
  recordTurn(turn: TurnRecord): Promise<RecordReply>;
  reportHealth(report: HealthMessage): Promise<void>;
  recordLimits(report: LimitsMessage): Promise<void>;
  refreshStatus(): Promise<unknown>;
}

export type SenderKind = 'extension-page' | 'content-script' | 'untrusted';

export function classifySender(sender: Sender, deps: Pick<RouterDeps, 'extensionId' | 'extensionOrigin'>): SenderKind {
  if (sender.id !== deps.extensionId) return 'untrusted';
  // An extension page may sit in a tab (the options page does), so its origin decides first; a
  // content script's origin is always the web page's.
  if (sender.origin === deps.extensionOrigin || sender.url?.startsWith(`${deps.extensionOrigin}/`)) return 'extension-page';
  if (sender.tab) return siteForUrl(sender.url ?? sender.tab.url) ? 'content-script' : 'untrusted';
  return 'untrusted';
}

/** Handles one incoming message; undefined means "not for the router" (e.g. offscreen traffic). */
export function routeMessage(raw: unknown, sender: Sender, deps: RouterDeps): Promise<unknown> | undefined {
  if (raw && typeof raw === 'object' && 'target' in raw) return undefined; // addressed to another page
  const parsed = MessageSchema.safeParse(raw);
  if (!parsed.success) return Promise.resolve<ErrorReply>({ status: 'error', message: `malformed message: ${describeZodError(parsed.error)}` });
  const from = classifySender(sender, deps);
  if (from === 'untrusted') return Promise.resolve<ErrorReply>({ status: 'error', message: 'sender not allowed' });
  const message = parsed.data;
  switch (message.kind) {
    case 'count':
      return deps.counting.count(message);
    case 'record-turn':
    case 'limits':
    case 'health': {
      // Only a content script, and only about the site it runs on.
      const site = message.kind === 'record-turn' ? message.turn.site : message.site;
      if (from !== 'content-script' || siteForUrl(sender.url ?? sender.tab?.url) !== site) {
        return Promise.resolve<ErrorReply>({ status: 'error', message: `sender not allowed to report for ${site}` });
      }
      if (message.kind === 'health') return deps.reportHealth(message).then(() => ({ status: 'ok' }));
      if (message.kind === 'limits') return deps.recordLimits(message).then(() => ({ status: 'ok' }));
      return deps.recordTurn(message.turn);
    }
    case 'ledger-changed':
      if (from !== 'extension-page') return Promise.resolve<ErrorReply>({ status: 'error', message: 'only extension pages change the ledger' });
      return deps.refreshStatus().then(() => ({ status: 'ok' }));
  }
}

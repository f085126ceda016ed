/** What the content script gives the page tracker, and what it gets back (lib/tracker/page-tracker). */
import type { Catalog } from '../catalog';
import type { PageLimits } from '../limits/page-limits';
import type { CountMessage } from '../messaging/protocol';
import type { SiteAdapter } from '../sites/adapter';
import type { UsageBridge } from '../usage/bridge';

export interface TrackerDeps {
  adapter: SiteAdapter;
  catalog: Catalog;
  send: (message: unknown) => Promise<unknown>;
  /** How count requests travel, where not by `send` (Chrome: a port to the offscreen document). */
  sendCount?: (message: CountMessage) => Promise<unknown>;
  /** What the site's own streams report (exact usage, the model that answered), where it does. */
  usage?: UsageBridge | null;
  /** Usage limits the site reported, for the pill (lib/limits/page-limits). */
  limits?: PageLimits | null;
}

export interface PageTracker {
  /** The conversation this page shows (for the popup's "this tab"). */
  conversation(): { site: string; conversationId: string | null };
}

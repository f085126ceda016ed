/**
 * Per-site tracking health, as the content scripts report it. Kept in storage so the popup can
 * show it and a restarted service worker still knows it.
 */
import { storage } from 'wxt/utils/storage';
import type { HealthMessage, HealthPart } from '../messaging/protocol';
import type { SiteId } from '../sites/hosts';

export interface SiteHealth {
  status: 'ok' | 'degraded';
  missing: HealthPart[];
  note: string | null;
  checkedAt: number;
}

export type HealthMap = Partial<Record<SiteId, SiteHealth>>;

export const healthItem = storage.defineItem<HealthMap>('local:health', { fallback: {} });

const PART_NAMES: Record<HealthPart, string> = { composer: 'chat box', transcript: 'conversation', modelLabel: 'model name' };

export function healthFromReport(report: HealthMessage, now: number): SiteHealth {
  const missing = (Object.keys(PART_NAMES) as HealthPart[]).filter((part) => report.found[part] === false && report.required.includes(part));
  return { status: missing.length ? 'degraded' : 'ok', missing, note: report.note, checkedAt: now };
}

export function describeHealth(health: SiteHealth): string {
  if (health.status === 'ok') return health.note ?? 'tracking';
  return `degraded: ${health.missing.map((p) => PART_NAMES[p]).join(', ')} not found${health.note ? `; ${health.note}` : ''}`;
}

export async function storeHealth(site: SiteId, health: SiteHealth): Promise<void> {
  const all = await healthItem.getValue();
  await healthItem.setValue({ ...all, [site]: health });
}

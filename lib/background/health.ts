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
  /** A model name the site shows that the catalog does not know: its turns are unpriced. */
  unrecognisedModel?: string | null;
  checkedAt: number;
}

export type HealthMap = Partial<Record<SiteId, SiteHealth>>;

export const healthItem = storage.defineItem<HealthMap>('local:health', { fallback: {} });

const PART_NAMES: Record<HealthPart, string> = { composer: 'chat box', transcript: 'conversation', modelLabel: 'model name' };

export function healthFromReport(report: HealthMessage, now: number): SiteHealth {
  const missing = (Object.keys(PART_NAMES) as HealthPart[]).filter((part) => report.found[part] === false && report.required.includes(part));
  const unrecognised = report.unrecognisedModel ?? null;
  return { status: missing.length || unrecognised ? 'degraded' : 'ok', missing, note: report.note, unrecognisedModel: unrecognised, checkedAt: now };
}

export function describeHealth(health: SiteHealth): string {
  if (health.status === 'ok') return health.note ?? 'tracking';
  const problems: string[] = [];
  if (health.missing.length) problems.push(`${health.missing.map((p) => PART_NAMES[p]).join(', ')} not found`);
  // Drift shows here instead of as $0: the site renamed or added a model the catalog lacks.
  if (health.unrecognisedModel) problems.push(`model not recognised: "${health.unrecognisedModel}" (its turns are unpriced)`);
  if (health.note) problems.push(health.note);
  return `degraded: ${problems.join('; ')}`;
}

export async function storeHealth(site: SiteId, health: SiteHealth): Promise<void> {
  const all = await healthItem.getValue();
  await healthItem.setValue({ ...all, [site]: health });
}

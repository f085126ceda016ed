/**
 * What the background keeps about usage limits in extension storage, so a restarted service worker
 * loses nothing and content scripts can read it for the pill: the latest reading per site and window
 * (with a short history for the pace), the latest smaller-model note per site, and which limit
 * notices were already given. Figures only; never chat text.
 */
import { storage } from 'wxt/utils/storage';
import type { SiteId } from '../sites/hosts';
import type { FallbackNote, LimitBook, LimitLevel } from './state';

export const limitBookItem = storage.defineItem<LimitBook>('local:limitBook', { fallback: {} });
export const limitFallbackItem = storage.defineItem<Partial<Record<SiteId, FallbackNote>>>('local:limitFallbacks', { fallback: {} });
/** `<site>:<window>@<reset>` → the highest level already announced, kept until that reset passes. */
export type LimitNotices = Record<string, { level: Exclude<LimitLevel, 'ok'>; until: number }>;
export const limitNoticesItem = storage.defineItem<LimitNotices>('local:limitNotices', { fallback: {} });

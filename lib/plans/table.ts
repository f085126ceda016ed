/**
 * The subscription plans of the supported chat sites (plans.json): a small hand-curated table, each
 * row with its source, the date it was checked against that source (null: not re-checked here) and
 * how it was obtained. Parsed with zod when first used; the options offer these rows, and the user
 * can change the price of the one they pick.
 */
import { z } from 'zod';
import { SiteIdSchema } from '../settings/schema';
import type { SiteId } from '../sites/hosts';
import data from './plans.json';

export const PlanRowSchema = z.object({
  site: SiteIdSchema,
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  name: z.string().min(1).max(80),
  usdMonthly: z.number().finite().min(0).max(100_000),
  source: z.url(),
  checked: z.iso.date().nullable(),
  basis: z.string().min(1).max(300),
  note: z.string().max(300).optional(),
});
export type PlanRow = z.infer<typeof PlanRowSchema>;

export const PlanTableSchema = z
  .object({ about: z.string(), rows: z.array(PlanRowSchema).min(1) })
  .refine((t) => new Set(t.rows.map((r) => r.id)).size === t.rows.length, { message: 'plan ids must be unique' });

let parsed: PlanRow[] | null = null;

/** Every plan in the table. */
export function planTable(): PlanRow[] {
  parsed ??= PlanTableSchema.parse(data).rows;
  return parsed;
}

/** The plans of one site, free tier first. */
export const plansFor = (site: SiteId): PlanRow[] => planTable().filter((p) => p.site === site);

/** A plan by id, or undefined ("custom" and unknown ids). */
export const planById = (id: string): PlanRow | undefined => planTable().find((p) => p.id === id);

/** The id a plan the user priced themselves is saved under. */
export const CUSTOM_PLAN = 'custom';

/**
 * User settings: one zod schema, versioned. A value that fails the schema is rejected with the
 * field and the reason, and the stored settings stay as they were.
 */
import { z } from 'zod';
import { SUPPORTED_SITES, type SiteId } from '../sites/hosts';
import { describeZodError } from '../validation';

export const SETTINGS_VERSION = 1;

const SITE_IDS = SUPPORTED_SITES.map((s) => s.id) as [SiteId, ...SiteId[]];
export const SiteIdSchema = z.enum(SITE_IDS);

const usdPerMillion = z.number({ error: 'must be a number' }).finite('must be a finite number').min(0, 'must not be negative').max(100_000, 'must be at most $100,000 per million tokens');

export const SiteSettingsSchema = z.object({
  /** Track this site at all (counting, pill, recording). */
  enabled: z.boolean(),
  /** Show the pill (tracking goes on when it is hidden). */
  pill: z.boolean(),
  /** Catalog model id used when the page names no model; null: the site's default. */
  defaultModel: z.string().min(1).max(200).nullable(),
  /**
   * The user's names for labels the catalog does not know ("Ultra 7" → a catalog id), keyed by the
   * label as lib/models/names tidies it.
   */
  modelAliases: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).default({}),
  /** Hidden input the site adds to every request (system prompt, tool definitions). */
  overheadTokens: z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000, 'must be at most 1,000,000'),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const PriceOverrideSchema = z.object({
  input: usdPerMillion,
  cachedInput: usdPerMillion.optional(),
  output: usdPerMillion,
});
export type PriceOverride = z.infer<typeof PriceOverrideSchema>;

/** A budget amount in USD; "no budget" is null, never 0. */
const budgetUsd = z
  .number({ error: 'must be a number' })
  .finite('must be a finite number')
  .positive('must be more than 0 (leave it empty for no budget)')
  .max(1_000_000, 'must be at most $1,000,000');

export const BudgetPeriodSchema = z.enum(['day', 'week', 'month']);
export type BudgetPeriod = z.infer<typeof BudgetPeriodSchema>;

export const BudgetSettingsSchema = z.object({
  daily: budgetUsd.nullable(),
  weekly: budgetUsd.nullable(),
  monthly: budgetUsd.nullable(),
  /** At most one budget per site, over a period of its own. */
  sites: z.partialRecord(SiteIdSchema, z.object({ period: BudgetPeriodSchema, usd: budgetUsd })),
  /** A budget is in warning from this share of it on. */
  warnPercent: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
  /** A browser notification when a budget enters warning and when it goes over. */
  notify: z.boolean(),
  /** Hold the first Enter or click on send when the draft would cross a budget, and ask again. */
  confirmOverBudget: z.boolean(),
});
export type BudgetSettings = z.infer<typeof BudgetSettingsSchema>;

/** Usage limits the sites report (lib/limits): the threshold for amber and for a notice. */
export const LimitSettingsSchema = z.object({
  warnPercent: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
  notify: z.boolean(),
});
export type LimitSettings = z.infer<typeof LimitSettingsSchema>;

/** The plan the user pays for on a site (lib/plans): its id in the plan table, or "custom", and its price. */
export const SitePlanSchema = z.object({
  plan: z.string().regex(/^[a-z0-9-]{1,60}$/, 'must be a plan id'),
  usdMonthly: z.number({ error: 'must be a number' }).finite('must be a finite number').min(0, 'must not be negative').max(100_000, 'must be at most $100,000 a month'),
});
export type SitePlan = z.infer<typeof SitePlanSchema>;

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  sites: z.record(SiteIdSchema, SiteSettingsSchema),
  /** How re-sent context is priced: at the full input price, or at the cached-input price. */
  contextPricing: z.enum(['input', 'cached']),
  /** Amounts are stored in USD; this only changes how they are shown. */
  currency: z.object({
    code: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
    usdRate: z.number().finite().positive('must be more than 0').max(1_000_000),
  }),
  priceOverrides: z.record(z.string().min(1).max(200), PriceOverrideSchema),
  /** First day of the week for weekly figures and budgets: the locale's, or 0 = Sunday … 6 = Saturday. */
  weekStart: z.union([z.literal('locale'), z.number().int().min(0).max(6)], { error: 'must be "locale" or a day from 0 (Sunday) to 6 (Saturday)' }),
  budgets: BudgetSettingsSchema,
  limits: LimitSettingsSchema,
  /** Per site, the plan paid for; a site without one is pay-as-you-go (or free). */
  plans: z.partialRecord(SiteIdSchema, SitePlanSchema),
  /** On a site with a plan: API-equivalent amounts, or spend as a share of the plan. */
  planDisplay: z.enum(['api', 'share']),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = { enabled: true, pill: true, defaultModel: null, modelAliases: {}, overheadTokens: 0 };

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    sites: Object.fromEntries(SITE_IDS.map((id) => [id, { ...DEFAULT_SITE_SETTINGS }])) as Record<SiteId, SiteSettings>,
    contextPricing: 'input',
    currency: { code: 'USD', usdRate: 1 },
    priceOverrides: {},
    weekStart: 'locale',
    budgets: defaultBudgets(),
    limits: { warnPercent: 80, notify: true },
    plans: {},
    planDisplay: 'api',
  };
}

export function defaultBudgets(): BudgetSettings {
  return { daily: null, weekly: null, monthly: null, sites: {}, warnPercent: 80, notify: true, confirmOverBudget: false };
}

export function siteSettings(settings: Settings, site: SiteId): SiteSettings {
  return settings.sites[site] ?? DEFAULT_SITE_SETTINGS;
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; message: string };

/** Validates a whole settings value; the message names each bad field. */
export function checkSettings(value: unknown): SettingsCheck {
  const parsed = SettingsSchema.safeParse(value);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, message: describeZodError(parsed.error, 'settings') };
}

/**
 * The shop's pricing rules (member tiers, points, line floor) as stored in the settings document `shop_settings/
 * default` under `pricing`: the strict schema staff edits are validated with, the defaults of a shop that set
 * nothing, and a reading of a stored document that never throws (an invalid `pricing` falls back to the defaults:
 * no tiers, no points, no floor — a half-edited document never breaks checkout).
 */
import { z } from 'zod';
import type { MemberTierDef, PaidTier } from '../../../typings/marketing/member';
import type { ShopPricingRules } from '../../../typings/marketing/pricing';

export const DEFAULT_PRICING_RULES: ShopPricingRules = {
  tiers: [],
  points: {
    deduction: { enabled: false, pointsPerYuan: 100, maxPercentOfOrder: 0 },
    earning: { pointsPerYuan: 0, expiresAfterDays: null },
  },
  lineFloorPercent: 0,
};

const int = (min: number, max: number) => z.number().int().min(min).max(max);

const tierSchema = z
  .strictObject({
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    name: z.string().trim().min(1).max(12),
    percentOff: int(0, 99),
    pointsMultiplierPercent: int(0, 1000),
    reachPoints: int(0, 100_000_000).optional(),
    reachSpendFen: int(0, 100_000_000_00).optional(),
  })
  .refine((t) => t.reachPoints !== undefined || t.reachSpendFen !== undefined, { message: 'a tier needs reachPoints or reachSpendFen' });

/** The rules a staff member may save (strict: unknown fields and out-of-range values are refused). */
export const pricingRulesSchema = z
  .strictObject({
    tiers: z.array(tierSchema).max(3),
    points: z.strictObject({
      deduction: z.strictObject({ enabled: z.boolean(), pointsPerYuan: int(1, 100_000), maxPercentOfOrder: int(0, 100) }),
      earning: z.strictObject({ pointsPerYuan: int(0, 10_000), expiresAfterDays: int(1, 3650).nullable() }),
    }),
    lineFloorPercent: int(0, 100),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<number>();
    for (const t of rules.tiers) {
      if (seen.has(t.tier)) ctx.addIssue({ code: 'custom', message: `tier ${t.tier} is defined twice`, path: ['tiers'] });
      seen.add(t.tier);
    }
    const sorted = [...rules.tiers].sort((a, b) => a.tier - b.tier);
    for (let i = 1; i < sorted.length; i++) {
      const lo = sorted[i - 1];
      const hi = sorted[i];
      const pointsDown = lo.reachPoints !== undefined && hi.reachPoints !== undefined && hi.reachPoints < lo.reachPoints;
      const spendDown = lo.reachSpendFen !== undefined && hi.reachSpendFen !== undefined && hi.reachSpendFen < lo.reachSpendFen;
      if (pointsDown || spendDown) {
        ctx.addIssue({ code: 'custom', message: `tier ${hi.tier} must not be easier to reach than tier ${lo.tier}`, path: ['tiers'] });
      }
    }
  });

export type PricingRulesInput = z.infer<typeof pricingRulesSchema>;

/** Validates rules; the refusal lists the first problem's path and message. */
export function validatePricingRules(value: unknown): { ok: true; rules: ShopPricingRules } | { ok: false; message: string } {
  const parsed = pricingRulesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue.path.join('.') || 'pricing'}: ${issue.message}` };
  }
  return { ok: true, rules: normalise(parsed.data) };
}

function normalise(rules: PricingRulesInput): ShopPricingRules {
  const tiers: MemberTierDef[] = [...rules.tiers]
    .sort((a, b) => a.tier - b.tier)
    .map((t) => ({
      tier: t.tier as PaidTier,
      name: t.name,
      percentOff: t.percentOff,
      pointsMultiplierPercent: t.pointsMultiplierPercent,
      ...(t.reachPoints !== undefined ? { reachPoints: t.reachPoints } : {}),
      ...(t.reachSpendFen !== undefined ? { reachSpendFen: t.reachSpendFen } : {}),
    }));
  return { tiers, points: rules.points, lineFloorPercent: rules.lineFloorPercent };
}

/** The rules a stored settings document stands for (its `pricing` field; the defaults when absent or invalid). */
export function readPricingRules(settingsDoc: unknown): ShopPricingRules {
  const pricing = typeof settingsDoc === 'object' && settingsDoc !== null ? (settingsDoc as { pricing?: unknown }).pricing : undefined;
  if (pricing === undefined) return DEFAULT_PRICING_RULES;
  const checked = validatePricingRules(pricing);
  return checked.ok ? checked.rules : DEFAULT_PRICING_RULES;
}

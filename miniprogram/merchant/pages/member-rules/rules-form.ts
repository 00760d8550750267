// The member-rules form as the page edits it (text fields) and the rules it stands for. Converting only; the server
// validates the rules (member.rules.set answers INVALID_INPUT naming the first problem).
import type { PaidTier } from '../../../../typings/marketing/member';
import type { ShopPricingRules } from '../../../../typings/marketing/pricing';

export interface TierForm {
  tier: PaidTier;
  name: string;
  percentOff: string;
  multiplierPercent: string;
  reachPoints: string;
  /** Yuan, as typed ('' = not reachable by spend). */
  reachSpendYuan: string;
}

export interface RulesForm {
  deductionEnabled: boolean;
  deductPointsPerYuan: string;
  maxPercentOfOrder: string;
  earnPointsPerYuan: string;
  /** '' = never. */
  expiresAfterDays: string;
  lineFloorPercent: string;
  tiers: TierForm[];
}

const text = (n: number | undefined | null) => (n === undefined || n === null ? '' : String(n));

export function formOf(rules: ShopPricingRules): RulesForm {
  return {
    deductionEnabled: rules.points.deduction.enabled,
    deductPointsPerYuan: text(rules.points.deduction.pointsPerYuan),
    maxPercentOfOrder: text(rules.points.deduction.maxPercentOfOrder),
    earnPointsPerYuan: text(rules.points.earning.pointsPerYuan),
    expiresAfterDays: text(rules.points.earning.expiresAfterDays),
    lineFloorPercent: text(rules.lineFloorPercent),
    tiers: rules.tiers.map((t) => ({
      tier: t.tier,
      name: t.name,
      percentOff: text(t.percentOff),
      multiplierPercent: text(t.pointsMultiplierPercent),
      reachPoints: text(t.reachPoints),
      reachSpendYuan: t.reachSpendFen === undefined ? '' : String(t.reachSpendFen / 100),
    })),
  };
}

/** A number as typed ('' → NaN, so the server refuses it with the field's name). */
function num(s: string): number {
  return s.trim() === '' ? NaN : Number(s);
}

export function rulesOf(form: RulesForm): ShopPricingRules {
  return {
    tiers: form.tiers.map((t) => ({
      tier: t.tier,
      name: t.name.trim(),
      percentOff: num(t.percentOff),
      pointsMultiplierPercent: num(t.multiplierPercent),
      ...(t.reachPoints.trim() ? { reachPoints: num(t.reachPoints) } : {}),
      ...(t.reachSpendYuan.trim() ? { reachSpendFen: Math.round(num(t.reachSpendYuan) * 100) } : {}),
    })),
    points: {
      deduction: { enabled: form.deductionEnabled, pointsPerYuan: num(form.deductPointsPerYuan), maxPercentOfOrder: num(form.maxPercentOfOrder) },
      earning: { pointsPerYuan: num(form.earnPointsPerYuan), expiresAfterDays: form.expiresAfterDays.trim() ? num(form.expiresAfterDays) : null },
    },
    lineFloorPercent: num(form.lineFloorPercent),
  };
}

const TIER_NAMES: Record<PaidTier, string> = { 1: '银卡', 2: '金卡', 3: '黑卡' };

/** The next tier to add (null when all three exist). */
export function nextTier(form: RulesForm): TierForm | null {
  const tier = ([1, 2, 3] as PaidTier[]).find((t) => !form.tiers.some((x) => x.tier === t));
  return tier ? { tier, name: TIER_NAMES[tier], percentOff: '0', multiplierPercent: '100', reachPoints: '', reachSpendYuan: '' } : null;
}

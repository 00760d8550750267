/** Points an order earns when it completes. */
import type { MemberTierDef } from '../../../typings/marketing/member';
import type { PointsEarningRule } from '../../../typings/marketing/points';
import type { Fen } from '../../../typings/shop/common';

/**
 * ⌊payFen × pointsPerYuan × multiplierPercent / 10 000⌋: points per whole yuan actually paid for goods (after
 * every discount, points included; shipping excluded), times the tier multiplier (100 % without a tier).
 * Computed with BigInt, so large amounts do not lose precision.
 */
export function pointsEarned(payFen: Fen, rule: Pick<PointsEarningRule, 'pointsPerYuan'>, tier?: Pick<MemberTierDef, 'pointsMultiplierPercent'>): number {
  const multiplier = tier?.pointsMultiplierPercent ?? 100;
  if (payFen <= 0) return 0;
  return Number((BigInt(payFen) * BigInt(rule.pointsPerYuan) * BigInt(multiplier)) / 10_000n);
}

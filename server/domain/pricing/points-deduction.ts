/**
 * Points as a deduction at checkout (step 4 of the stacking table). The shop sets how many points are worth 1 yuan
 * and the most (as a percent of the goods amount still payable) that points may pay. Deductions are exact: points
 * are spent in whole steps (stepPoints points = stepFen fen), so no fraction of a point or a fen is ever rounded.
 */
import type { PointsDeductionRule } from '../../../typings/marketing/points';
import type { Fen } from '../../../typings/shop/common';

/** The smallest exact exchange: stepPoints points pay stepFen fen (100 points/yuan → 1:1; 150 → 3 points : 2 fen). */
export interface PointsStep {
  stepPoints: number;
  stepFen: Fen;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function pointsStep(pointsPerYuan: number): PointsStep {
  const g = gcd(pointsPerYuan, 100);
  return { stepPoints: pointsPerYuan / g, stepFen: 100 / g };
}

/** The amounts points may be taken from, when step 4 runs. */
export interface PointsBase {
  /** Goods amount still open to discounts (all lines, outside the new-user unit). */
  openFen: Fen;
  /** What the lines may still lose without crossing their floors. */
  headroomFen: Fen;
  /** What the order may still lose (Σpay − order minimum). */
  orderHeadroomFen: Fen;
}

export interface PointsDeduction {
  points: number;
  deductFen: Fen;
}

/**
 * As many points as allowed: deductFen = the largest multiple of stepFen that is ≤ ⌊openFen × maxPercent / 100⌋,
 * ≤ the headrooms and payable with the balance; points = deductFen / stepFen × stepPoints.
 */
export function maxPointsDeduction(
  base: PointsBase,
  balance: number,
  rule: Pick<PointsDeductionRule, 'maxPercentOfOrder'>,
  step: PointsStep,
): PointsDeduction {
  const byPercent = Math.floor((base.openFen * rule.maxPercentOfOrder) / 100);
  const byBalance = Math.floor(balance / step.stepPoints) * step.stepFen;
  const cap = Math.max(0, Math.min(byPercent, base.headroomFen, base.orderHeadroomFen, byBalance));
  const steps = Math.floor(cap / step.stepFen);
  return { points: steps * step.stepPoints, deductFen: steps * step.stepFen };
}

/**
 * `priceCart`: the pricing engine's entry point. Pure: same input → same quote; the time is `input.now`.
 *
 * It searches every legal combination of discounts (best-combination.ts, rules in stacking.ts), prices the one the
 * customer chose (their coupon / points choice, the rest optimised), and explains everything: each applied
 * discount with its reason and per-line shares, per-line amounts, points used and earned, why every other
 * promotion / coupon did not apply, the coupon picker, member-only lines the customer may not buy.
 */
import type { ChoiceProblem, LineBlock, PricedLineResult, PricedQuote, PricingInput } from '../../../typings/marketing/pricing';
import { searchCombinations } from './best-combination';
import { runCombination } from './combination';
import { tryCoupon } from './coupon-step';
import { couponOptions, explainNotApplied } from './explain';
import { pointsEarned } from './points-earning';
import { prepare } from './prepare';
import { notAppliedMessage } from './texts';

export function priceCart(input: PricingInput): PricedQuote {
  const p = prepare(input);
  const search = searchCombinations(p);
  const run = runCombination(p, search.chosen.combination);
  if (!run.ok || run.payFen !== search.chosen.payFen) {
    throw new Error(`pricing: the search and the evaluation disagree on ${JSON.stringify(search.chosen.combination)}`);
  }
  const final = run.final;

  const lines: PricedLineResult[] = p.facts.map((f, i) => ({
    skuId: f.skuId,
    goodsId: f.goodsId,
    unitPriceFen: f.unitPriceFen,
    quantity: f.quantity,
    lineTotalFen: f.lineTotalFen,
    floorFen: f.floorFen,
    discountFen: f.lineTotalFen - final.pay[i],
    payFen: final.pay[i],
    shares: final.applied
      .filter((d) => d.lineShares[i] > 0)
      .map((d) => ({ kind: d.kind, sourceId: d.sourceId, amountFen: d.lineShares[i] })),
  }));

  const blocked: LineBlock[] = p.facts.flatMap((f) =>
    f.minTier !== undefined && input.customer.tier < f.minTier
      ? [{ lineIndex: f.index, skuId: f.skuId, goodsId: f.goodsId, code: 'MEMBER_ONLY' as const, requiredTier: f.minTier }]
      : [],
  );

  let choiceProblem: ChoiceProblem | null = null;
  if (search.choiceRefused) {
    const { couponId } = search.choiceRefused;
    let code = search.choiceRefused.code;
    if (!code) {
      const coupon = p.coupons.find((c) => c._id === couponId)!;
      const trial = tryCoupon(run.afterFullReduction, coupon, input.customer.openid, input.now);
      code = trial.ok ? 'NO_BENEFIT' : trial.code;
    }
    choiceProblem = { couponId, code, message: notAppliedMessage(code) };
  }

  return {
    lines,
    goodsFen: p.goodsFen,
    discountFen: p.goodsFen - run.payFen,
    payFen: run.payFen,
    discounts: final.applied.map((d) => ({ ...d, lineShares: [...d.lineShares] })),
    combination: run.combination,
    recommended: { combination: search.recommended.combination, payFen: search.recommended.payFen },
    points: {
      balance: input.customer.pointsBalance,
      used: run.points.points,
      deductFen: run.points.deductFen,
      earned: pointsEarned(run.payFen, input.rules.points.earning, p.tier),
    },
    notApplied: explainNotApplied(p, run),
    couponOptions: couponOptions(p, run, search),
    blocked,
    choiceProblem,
    ok: blocked.length === 0 && choiceProblem === null,
    pricedAt: input.now,
  };
}

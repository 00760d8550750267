/** The pricing engine (see stacking.ts for the rules). */
export { STACKING_TABLE, canCombine, stepOf } from './stacking';
export type { StackingRule } from './stacking';
export { priceCart } from './price-cart';
export { bestCombination, searchCombinations } from './best-combination';
export { runCombination } from './combination';
export { prepare } from './prepare';
export { pricingDiscountEngine, goodsPricingFacts, pricingLinesOf } from './discount-engine';
export type { GoodsPricingFacts, PricingEngineOptions } from './discount-engine';
export { pointsEarned } from './points-earning';
export { maxPointsDeduction, pointsStep } from './points-deduction';
export * from './points-ledger';
export { couponValidity, issueCoupon, issueRefusal } from './coupon-issue';
export type { IssueFacts, IssueRefusal } from './coupon-issue';
export { couponHolderCode, inScope, windowCode } from './eligibility';

/**
 * THE stacking table of the pricing engine: which discounts combine, in which order they apply, and the floors.
 * Every other pricing module follows it; `priceCart` (price-cart.ts) picks, among the combinations this table
 * allows, the one that makes the customer pay least.
 *
 * | step | kind             | what it takes off                                        | per order          | combines with      |
 * |------|------------------|----------------------------------------------------------|--------------------|--------------------|
 * | 1    | `new_user_price` | one unit of one new-user-zone goods drops to the zone    | ≤ 1 unit (customer | every other kind,  |
 * |      |                  | price; that unit then takes NO other discount and does   | has no paid order) | not on that unit   |
 * |      |                  | not count toward any threshold or percentage             |                    |                    |
 * | 1    | `member_price`   | tier percentOff of every other unit (goods not excluded) | 1 (tier ≥ 1)       | every other kind   |
 * | 2    | `full_reduction` | 满减: highest reached tier of ONE promotion, on its scope | ≤ 1 promotion      | all but 满减        |
 * | 3    | `coupon`         | ONE owned coupon (fixed / percentage ≤ cap / 满X减Y)      | ≤ 1 coupon         | all but coupon     |
 * | 4    | `points`         | points at the shop's rate, ≤ maxPercentOfOrder % of goods | 0 or as many as    | every kind         |
 * |      |                  |                                                          | allowed            |                    |
 *
 * Bases (what "满X" and "N%" are measured on):
 * - Thresholds (满减 tiers, 满X减Y coupons, percentage coupons' minSpend) use the in-scope amount AFTER step 1
 *   (the prices the customer sees: member / new-user price), BEFORE any 满减 or coupon. So 满减 and a coupon never
 *   disqualify each other.
 * - Percentages (percentage coupon, points cap) use the amount still payable when their step runs.
 * - The new-user-priced unit is fixed: it is outside every base and takes no later discount.
 *
 * Floors (hold after every step; an amount that would break them is cut down, a discount cut to 0 is not applied):
 * - a line never pays less than its floor: min(lineTotal, max(floorUnitFen × quantity, ⌈lineTotal × lineFloorPercent / 100⌉));
 * - the goods total is never negative, and never below 1 fen when the goods amount is at least 1 fen (WeChat Pay
 *   cannot charge 0);
 * - order-level amounts (满减, coupon, points) are spread over the eligible lines by largest remainder in proportion
 *   to what each line may still lose, so the shares sum exactly and no line crosses its floor.
 *
 * Choice: the engine tries every legal combination (new-user line or none × member price on/off × each applicable
 * 满减 or none × each usable coupon or none × points on/off) and keeps the smallest total; ties keep the customer's
 * resources: no coupon over a coupon, fewer points, no new-user price, then the coupon that expires first. The
 * customer may override the coupon (one of theirs, or none) and points (none / max); the rest is still optimised.
 */
import type { DiscountKind } from '../../../typings/marketing/pricing';

export interface StackingRule {
  step: 1 | 2 | 3 | 4;
  kind: DiscountKind;
  /** Most discounts of this kind in one order. */
  maxPerOrder: number;
  /** Kinds it may be combined with in one order. */
  combinesWith: readonly DiscountKind[];
  /** Human rule, as in the table above. */
  rule: string;
}

export const STACKING_TABLE: readonly StackingRule[] = [
  {
    step: 1,
    kind: 'new_user_price',
    maxPerOrder: 1,
    combinesWith: ['member_price', 'full_reduction', 'coupon', 'points'],
    rule: 'one unit of one new-user-zone goods at the zone price; that unit takes no other discount',
  },
  {
    step: 1,
    kind: 'member_price',
    maxPerOrder: 1,
    combinesWith: ['new_user_price', 'full_reduction', 'coupon', 'points'],
    rule: "tier percentOff on every unit not at the new-user price, unless the goods is excluded",
  },
  {
    step: 2,
    kind: 'full_reduction',
    maxPerOrder: 1,
    combinesWith: ['new_user_price', 'member_price', 'coupon', 'points'],
    rule: 'one 满减 promotion per order; its highest tier reached by the in-scope amount after step 1',
  },
  {
    step: 3,
    kind: 'coupon',
    maxPerOrder: 1,
    combinesWith: ['new_user_price', 'member_price', 'full_reduction', 'points'],
    rule: 'one coupon per order; threshold measured after step 1, percentage on what is left after step 2',
  },
  {
    step: 4,
    kind: 'points',
    maxPerOrder: 1,
    combinesWith: ['new_user_price', 'member_price', 'full_reduction', 'coupon'],
    rule: 'points at the shop rate, at most maxPercentOfOrder % of what is left after step 3',
  },
];

/** The stacking step of a kind. */
export function stepOf(kind: DiscountKind): 1 | 2 | 3 | 4 {
  const row = STACKING_TABLE.find((r) => r.kind === kind);
  if (!row) throw new RangeError(`unknown discount kind ${kind}`);
  return row.step;
}

/** May discounts of kinds a and b be in the same order? (Two of one kind: only when maxPerOrder > 1.) */
export function canCombine(a: DiscountKind, b: DiscountKind): boolean {
  if (a === b) return (STACKING_TABLE.find((r) => r.kind === a)?.maxPerOrder ?? 0) > 1;
  return STACKING_TABLE.some((r) => r.kind === a && r.combinesWith.includes(b));
}

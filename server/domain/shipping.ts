/** Delivery fee from the shop's shipping rule. */
import type { Fen } from '../../typings/shop/common';
import type { FulfilmentType, ShippingRule } from '../../typings/shop/checkout';
import { assertNonNegativeFen } from './money';

/** Throws unless the rule's amounts are integer fen ≥ 0. */
export function assertShippingRule(rule: ShippingRule): void {
  assertNonNegativeFen(rule.flatFeeFen, 'flatFeeFen');
  assertNonNegativeFen(rule.freeOverFen, 'freeOverFen');
}

/**
 * Shipping fee in fen. Pickup: 0. Delivery: `flatFeeFen`, or 0 when `freeOverFen` > 0 and
 * `goodsAfterDiscountFen` ≥ `freeOverFen` (the threshold applies to what the customer pays for goods, i.e. after
 * discounts; freeOverFen 0 = never free).
 */
export function shippingFee(rule: ShippingRule, type: FulfilmentType, goodsAfterDiscountFen: Fen): Fen {
  assertShippingRule(rule);
  assertNonNegativeFen(goodsAfterDiscountFen, 'goodsAfterDiscountFen');
  if (type === 'pickup') return 0;
  if (rule.freeOverFen > 0 && goodsAfterDiscountFen >= rule.freeOverFen) return 0;
  return rule.flatFeeFen;
}

/**
 * How much more goods amount would make delivery free (for a "买满 X 包邮" hint); 0 when already free or the fee is
 * 0, null when the rule has no threshold (freeOverFen 0).
 */
export function amountToFreeShipping(rule: ShippingRule, goodsAfterDiscountFen: Fen): Fen | null {
  assertShippingRule(rule);
  assertNonNegativeFen(goodsAfterDiscountFen, 'goodsAfterDiscountFen');
  if (rule.flatFeeFen === 0) return 0;
  if (rule.freeOverFen === 0) return null;
  return Math.max(0, rule.freeOverFen - goodsAfterDiscountFen);
}

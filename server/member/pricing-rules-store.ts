/** Staff: reading and saving the shop's pricing rules (`pricing` of `shop_settings/default`). */
import type { ShopPricingRules } from '@typings/marketing/pricing';
import { validatePricingRules } from '../domain/member/pricing-rules';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { loadCheckoutSettings } from '../orders/order-settings';
import { SHOP_SETTINGS_COLLECTION, SHOP_SETTINGS_DOC_ID } from '../shop/settings-store';
import { updatedCount } from '../notify/db-results';

export async function loadPricingRules(ctx: Pick<ActionContext, 'db'>): Promise<ShopPricingRules> {
  return (await loadCheckoutSettings(ctx.db)).pricing;
}

/** Validates (INVALID_INPUT naming the first problem) and saves the rules, replacing `pricing` whole. */
export async function savePricingRules(ctx: ActionContext, value: unknown): Promise<ShopPricingRules> {
  const checked = validatePricingRules(value);
  if (!checked.ok) throw new AppError('INVALID_INPUT', `规则不正确：${checked.message}`);
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(SHOP_SETTINGS_COLLECTION)
    .where({ _id: SHOP_SETTINGS_DOC_ID })
    .update({ data: { pricing: _.set(checked.rules) } });
  if (updatedCount(res) === 0 && ((await ctx.db.collection(SHOP_SETTINGS_COLLECTION).where({ _id: SHOP_SETTINGS_DOC_ID }).count()) as { total: number }).total === 0) {
    await ctx.db.collection(SHOP_SETTINGS_COLLECTION).add({ data: { _id: SHOP_SETTINGS_DOC_ID, pricing: checked.rules } });
  }
  ctx.log.info('pricing rules saved', { tiers: checked.rules.tiers.length });
  return checked.rules;
}

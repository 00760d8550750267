/**
 * Staff management of campaigns (inputs validated by campaign-inputs.ts; every action calls requireStaff first in
 * marketing-function.ts): list, create/update coupon templates and promotions, switch them on/off, the invite
 * campaign. A template update never touches `issuedCount` / `createdAt`, and refuses a total below what was issued
 * (conditional update `issuedCount <= totalQuantity`). A new-user price must be below the goods' normal price.
 */
import { randomBytes } from 'node:crypto';
import type { PromotionInput, TemplateInput } from '@typings/api/marketing';
import type { CouponTemplate } from '@typings/marketing/coupon';
import type { InviteCampaign } from '@typings/marketing/growth';
import type { Promotion } from '@typings/marketing/promotion';
import type { GoodsDoc, SkuDoc } from '@typings/shop/catalogue';
import type { ActionContext } from '../lib/context';
import { orEmpty } from '../lib/collections';
import { AppError } from '../lib/errors';
import { docsOf, updatedCount } from '../notify/db-results';
import { COUPON_TEMPLATES } from './coupon-store';
import { CAMPAIGNS, INVITE_CAMPAIGN_ID, loadInviteCampaign } from './invite-store';
import { PROMOTIONS } from './promotion-store';

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

async function byId<T>(ctx: ActionContext, coll: string, id: string): Promise<T | undefined> {
  const [doc] = await orEmpty(() => docsOf<T>(ctx.db.collection(coll).where({ _id: id }).limit(1)));
  return doc;
}

export async function listCampaigns(ctx: ActionContext): Promise<{ templates: CouponTemplate[]; promotions: Promotion[]; invite: InviteCampaign | null }> {
  const [templates, promotions, invite] = await Promise.all([
    orEmpty(() => docsOf<CouponTemplate>(ctx.db.collection(COUPON_TEMPLATES).orderBy('createdAt', 'desc').limit(100))),
    orEmpty(() => docsOf<Promotion & { createdAt?: number }>(ctx.db.collection(PROMOTIONS).orderBy('startsAt', 'desc').limit(100))),
    loadInviteCampaign(ctx.db),
  ]);
  return { templates, promotions, invite: invite ?? null };
}

export async function saveTemplate(ctx: ActionContext, input: TemplateInput): Promise<CouponTemplate> {
  const { id, ...fields } = input;
  if (!id) {
    const { perGroupLimit, ...rest } = fields;
    const template: CouponTemplate = {
      _id: newId('tpl'),
      ...rest,
      ...(fields.communityOnly && perGroupLimit !== undefined ? { perGroupLimit } : {}),
      issuedCount: 0,
      createdAt: ctx.now(),
    };
    await ctx.db.collection(COUPON_TEMPLATES).add({ data: template });
    return template;
  }
  const _ = ctx.db.command;
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) data[k] = typeof v === 'object' && v !== null ? _.set(v) : v;
  if (!fields.communityOnly || fields.perGroupLimit === undefined) data.perGroupLimit = _.remove();
  const where = fields.totalQuantity === null ? { _id: id } : { _id: id, issuedCount: _.lte(fields.totalQuantity) };
  const res = await ctx.db.collection(COUPON_TEMPLATES).where(where).update({ data });
  if (updatedCount(res) !== 1) {
    const had = await byId<CouponTemplate>(ctx, COUPON_TEMPLATES, id);
    if (!had) throw new AppError('NOT_FOUND', '优惠券不存在');
    // same values as stored also answer 0 updated: that is not a conflict
    if (fields.totalQuantity !== null && had.issuedCount > fields.totalQuantity) throw new AppError('CONFLICT', `发放总量不能少于已发放的 ${had.issuedCount} 张`);
  }
  const saved = await byId<CouponTemplate>(ctx, COUPON_TEMPLATES, id);
  if (!saved) throw new AppError('NOT_FOUND', '优惠券不存在');
  return saved;
}

/** A new-user price must name goods (and SKUs) that exist and be below their normal price. */
async function checkNewUserItems(ctx: ActionContext, items: { goodsId: string; skuId?: string; priceFen: number }[]): Promise<void> {
  const _ = ctx.db.command;
  const goodsIds = [...new Set(items.map((i) => i.goodsId))];
  const skuIds = [...new Set(items.flatMap((i) => (i.skuId ? [i.skuId] : [])))];
  const [goods, skus] = await Promise.all([
    orEmpty(() => docsOf<GoodsDoc>(ctx.db.collection('goods').where({ _id: _.in(goodsIds) }).limit(100))),
    skuIds.length ? orEmpty(() => docsOf<SkuDoc>(ctx.db.collection('skus').where({ _id: _.in(skuIds) }).limit(100))) : Promise.resolve([] as SkuDoc[]),
  ]);
  for (const item of items) {
    const g = goods.find((x) => x._id === item.goodsId);
    if (!g) throw new AppError('NOT_FOUND', `商品 ${item.goodsId} 不存在`);
    const sku = item.skuId ? skus.find((s) => s._id === item.skuId && s.goodsId === item.goodsId) : undefined;
    if (item.skuId && !sku) throw new AppError('NOT_FOUND', `规格 ${item.skuId} 不存在`);
    const normal = sku ? sku.priceFen : g.minPriceFen;
    if (item.priceFen >= normal) throw new AppError('INVALID_INPUT', `新人价须低于原价（${g.title}）`);
  }
}

export async function savePromotion(ctx: ActionContext, input: PromotionInput): Promise<Promotion> {
  const { id, ...fields } = input;
  if (fields.kind === 'new_user_price') await checkNewUserItems(ctx, fields.items);
  if (!id) {
    const promotion = { _id: newId('promo'), ...fields } as Promotion;
    await ctx.db.collection(PROMOTIONS).add({ data: promotion });
    return promotion;
  }
  const had = await byId<Promotion>(ctx, PROMOTIONS, id);
  if (!had) throw new AppError('NOT_FOUND', '活动不存在');
  if (had.kind !== fields.kind) throw new AppError('CONFLICT', '不能改变活动类型');
  const promotion = { _id: id, ...fields } as Promotion;
  await ctx.db.collection(PROMOTIONS).doc(id).set({ data: { ...fields } });
  return promotion;
}

export async function setEnabled(ctx: ActionContext, kind: 'template' | 'promotion', id: string, enabled: boolean): Promise<{ enabled: boolean }> {
  const coll = kind === 'template' ? COUPON_TEMPLATES : PROMOTIONS;
  const had = await byId<{ _id: string; enabled: boolean }>(ctx, coll, id);
  if (!had) throw new AppError('NOT_FOUND', kind === 'template' ? '优惠券不存在' : '活动不存在');
  await ctx.db.collection(coll).where({ _id: id }).update({ data: { enabled } });
  return { enabled };
}

export async function setInviteCampaign(
  ctx: ActionContext,
  input: { enabled: boolean; inviterTemplateId: string; inviteeTemplateId: string },
): Promise<InviteCampaign> {
  for (const id of new Set([input.inviterTemplateId, input.inviteeTemplateId])) {
    if (!(await byId<CouponTemplate>(ctx, COUPON_TEMPLATES, id))) throw new AppError('NOT_FOUND', `优惠券 ${id} 不存在`);
  }
  const invite: InviteCampaign = { _id: INVITE_CAMPAIGN_ID, ...input, updatedAt: ctx.now() };
  await ctx.db.collection(CAMPAIGNS).doc(INVITE_CAMPAIGN_ID).set({ data: { enabled: input.enabled, inviterTemplateId: input.inviterTemplateId, inviteeTemplateId: input.inviteeTemplateId, updatedAt: invite.updatedAt } });
  return invite;
}

/**
 * `newUser.zone`: the 新人专享 page — the active new-user offers, their goods with normal and zone price, and
 * whether the caller may still buy at those prices (no paid order, no zone purchase held). The price is charged by
 * the checkout (pricing engine + new-user-claims.ts), never from this view. 3–4 reads.
 */
import type { NewUserZone, NewUserZoneItem } from '@typings/api/marketing';
import type { NewUserOffer } from '@typings/marketing/promotion';
import type { GoodsDoc, SkuDoc } from '@typings/shop/catalogue';
import type { ActionContext } from '../lib/context';
import { orEmpty } from '../lib/collections';
import { docsOf } from '../notify/db-results';
import { isNewCustomer, loadActivePromotions } from './promotion-store';

export async function newUserZone(ctx: ActionContext, openid: string): Promise<NewUserZone> {
  const now = ctx.now();
  const _ = ctx.db.command;
  const [promotions, isNew] = await Promise.all([loadActivePromotions(ctx.db, now), isNewCustomer(ctx.db, openid)]);
  const offers = promotions.filter((p): p is NewUserOffer => p.kind === 'new_user_price' && p.startsAt <= now);
  const goodsIds = [...new Set(offers.flatMap((o) => o.items.map((i) => i.goodsId)))];
  const skuIds = [...new Set(offers.flatMap((o) => o.items.flatMap((i) => (i.skuId ? [i.skuId] : []))))];
  const [goods, skus] = await Promise.all([
    goodsIds.length
      ? orEmpty(() => docsOf<GoodsDoc>(ctx.db.collection('goods').where({ _id: _.in(goodsIds), onShelf: true }).limit(100)))
      : Promise.resolve([] as GoodsDoc[]),
    skuIds.length ? orEmpty(() => docsOf<SkuDoc>(ctx.db.collection('skus').where({ _id: _.in(skuIds) }).limit(100))) : Promise.resolve([] as SkuDoc[]),
  ]);
  const goodsById = new Map(goods.map((g) => [g._id, g]));
  const skuById = new Map(skus.map((s) => [s._id, s]));
  const items: NewUserZoneItem[] = [];
  for (const offer of offers) {
    for (const item of offer.items) {
      const g = goodsById.get(item.goodsId);
      if (!g) continue;
      const sku = item.skuId ? skuById.get(item.skuId) : undefined;
      if (item.skuId && (!sku || !sku.onShelf)) continue;
      items.push({
        offerId: offer._id,
        goodsId: g._id,
        ...(item.skuId ? { skuId: item.skuId } : {}),
        title: g.title,
        image: g.images[0] ?? '',
        priceFen: sku ? sku.priceFen : g.minPriceFen,
        zonePriceFen: item.priceFen,
      });
    }
  }
  return { isNew, offers: offers.map((o) => ({ offerId: o._id, title: o.title, endsAt: o.endsAt })), items };
}

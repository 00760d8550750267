/**
 * The member zone: on-shelf goods with a `minTier`, each marked locked when the caller's tier is below it (the
 * checkout refuses them with MEMBER_ONLY whatever the page shows). 3 reads in parallel (goods, settings, member) +
 * one storage call for the covers.
 */
import type { ZoneGoods } from '@typings/api/member';
import type { MemberTier, PaidTier } from '@typings/marketing/member';
import type { GoodsDoc } from '@typings/shop/catalogue';
import { GOODS } from '../catalogue/catalogue-store';
import type { ImageResolver } from '../catalogue/image-urls';
import { toGoodsCard } from '../catalogue/views';
import { orEmpty } from '../lib/collections';
import type { ActionContext } from '../lib/context';
import { docsOf } from '../notify/db-results';
import { loadCheckoutSettings } from '../orders/order-settings';
import { loadMember } from './member-store';

export async function memberZone(ctx: ActionContext, openid: string, resolve: ImageResolver): Promise<{ tier: MemberTier; goods: ZoneGoods[] }> {
  const _ = ctx.db.command;
  const goodsQuery = () =>
    orEmpty(() => docsOf<GoodsDoc>(ctx.db.collection(GOODS).where({ onShelf: true, minTier: _.gte(1) }).orderBy('minTier', 'asc').orderBy('sales', 'desc').limit(100)));
  const [goods, settings, member] = await Promise.all([goodsQuery(), loadCheckoutSettings(ctx.db), loadMember(ctx.db, openid, ctx.now())]);
  const urls = await resolve(goods.map((g) => g.images?.[0] ?? '').filter(Boolean));
  return {
    tier: member.tier,
    goods: goods.map((g) => {
      const card = toGoodsCard(g);
      const minTier = g.minTier as PaidTier;
      return {
        ...card,
        cover: urls.get(card.cover) ?? card.cover,
        minTier,
        tierName: settings.pricing.tiers.find((t) => t.tier === minTier)?.name ?? `${minTier} 级会员`,
        locked: member.tier < minTier,
      };
    }),
  };
}

/** Goods listings, the home page and the goods page, read in as few database requests as possible. */
import type { CategoryView, GoodsCard, GoodsDetail, GoodsPage, GoodsQuery, HomeData, ShopSummary } from '../../typings/api/catalogue';
import type { MemberTier } from '../../typings/marketing/member';
import { goodsOffers, newUserOffersFor } from '../domain/pricing/goods-offers';
import type { Database } from '../lib/cloud';
import { isNewCustomer, loadActivePromotions } from '../marketing/promotion-store';
import { loadMember } from '../member/member-store';
import { loadCheckoutSettings } from '../orders/order-settings';
import { loadShopSettings } from '../shop/settings-store';
import { featuredListing, goodsListing, HOME_PAGE_SIZE, pageOf } from './catalogue-query';
import { loadCategories, loadGoods, loadGoodsListing, loadSkusOfGoods } from './catalogue-store';
import type { ImageResolver } from './image-urls';
import { goodsDetailView, toGoodsCard } from './views';

function withCovers(cards: GoodsCard[], urls: Map<string, string>): GoodsCard[] {
  return cards.map((c) => ({ ...c, cover: urls.get(c.cover) ?? c.cover }));
}

/** A page of on-shelf goods. One database read + at most one storage call. */
export async function goodsPage(db: Database, resolve: ImageResolver, query: GoodsQuery): Promise<GoodsPage> {
  const listing = goodsListing(query);
  const { items, hasMore } = pageOf(await loadGoodsListing(db, listing), listing);
  const cards = items.map(toGoodsCard);
  const urls = await resolve(cards.map((c) => c.cover).filter(Boolean));
  return { items: withCovers(cards, urls), page: query.page, pageSize: listing.pageSize, hasMore };
}

/**
 * The home page's first screen: four database reads at once (settings, categories, featured goods, first page)
 * and one storage call for every image of the reply.
 */
export async function homeData(db: Database, resolve: ImageResolver, pageSize = HOME_PAGE_SIZE): Promise<HomeData> {
  const first = goodsListing({ page: 1, pageSize, sort: 'default' });
  const [settings, categories, featuredDocs, firstDocs] = await Promise.all([
    loadShopSettings(db),
    loadCategories(db),
    loadGoodsListing(db, featuredListing()),
    loadGoodsListing(db, first),
  ]);
  const page = pageOf(firstDocs, first);
  const featured = featuredDocs.map(toGoodsCard);
  const cards = page.items.map(toGoodsCard);
  const sources = [settings.logo, ...categories.map((c) => c.icon ?? ''), ...featured.map((c) => c.cover), ...cards.map((c) => c.cover)];
  const urls = await resolve(sources.filter(Boolean));
  const shop: ShopSummary = {
    name: settings.name,
    logo: urls.get(settings.logo) ?? settings.logo,
    notice: settings.notice,
    address: settings.address,
    phone: settings.phone,
    openHours: settings.openHours,
    pickupEnabled: settings.pickupEnabled,
    deliveryEnabled: settings.deliveryEnabled,
  };
  return {
    shop,
    categories: categories.map((c) => categoryView(c, urls)),
    featured: withCovers(featured, urls),
    goods: { items: withCovers(cards, urls), page: 1, pageSize: first.pageSize, hasMore: page.hasMore },
  };
}

function categoryView(c: CategoryView, urls: Map<string, string>): CategoryView {
  const view: CategoryView = { _id: c._id, name: c.name, sort: c.sort };
  if (c.icon) view.icon = urls.get(c.icon) ?? c.icon;
  return view;
}

/** Every category. One read + at most one storage call (icons). */
export async function categoryList(db: Database, resolve: ImageResolver): Promise<CategoryView[]> {
  const categories = await loadCategories(db);
  const urls = await resolve(categories.map((c) => c.icon ?? '').filter(Boolean));
  return categories.map((c) => categoryView(c, urls));
}

/** Who is asking for a goods page. An empty openid (no WeChat identity) is tier 0 and never new. */
export interface GoodsCaller {
  openid: string;
  now: number;
}

async function callerTier(db: Database, caller: GoodsCaller): Promise<MemberTier> {
  return caller.openid ? (await loadMember(db, caller.openid, caller.now)).tier : 0;
}

/**
 * The goods page of an on-shelf goods for the caller (undefined when missing or off shelf). Five reads at once —
 * the goods, its SKUs, the settings (pricing rules: tiers, line floor), the caller's member account, the active
 * promotions — plus two (in parallel: a paid order? a new-user claim?) only when a live new-user offer lists the
 * goods; one storage call for the images. Prices for the caller come from the pricing engine's own step-1 code
 * (server/domain/pricing/goods-offers.ts).
 */
export async function goodsDetail(db: Database, resolve: ImageResolver, goodsId: string, caller: GoodsCaller): Promise<GoodsDetail | undefined> {
  const [goods, skus, settings, tier, promotions] = await Promise.all([
    loadGoods(db, goodsId),
    loadSkusOfGoods(db, goodsId),
    loadCheckoutSettings(db),
    callerTier(db, caller),
    loadActivePromotions(db, caller.now),
  ]);
  if (!goods || !goods.onShelf) return undefined;
  const newUserOffers = newUserOffersFor(goods._id, promotions, caller.now);
  const isNew = caller.openid !== '' && newUserOffers.length > 0 ? await isNewCustomer(db, caller.openid) : false;
  const own = skus.filter((s) => s.goodsId === goods._id && s.onShelf);
  const offers = goodsOffers({ goods, skus: own, rules: settings.pricing, promotions, tier, isNew, now: caller.now });
  const detail = goodsDetailView(goods, skus, offers, new Map(newUserOffers.map((o) => [o._id, o.title])));
  const urls = await resolve(detail.goods.images);
  detail.goods.images = detail.goods.images.map((src) => urls.get(src) ?? src);
  return detail;
}

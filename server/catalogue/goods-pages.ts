/** Goods listings, the home page and the goods page, read in as few database requests as possible. */
import type { CategoryView, GoodsCard, GoodsDetail, GoodsPage, GoodsQuery, HomeData, ShopSummary } from '../../typings/api/catalogue';
import type { Database } from '../lib/cloud';
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

/**
 * The goods page of an on-shelf goods (undefined when missing or off shelf): the goods and its SKUs read at once
 * (two reads), one storage call for the images.
 */
export async function goodsDetail(db: Database, resolve: ImageResolver, goodsId: string): Promise<GoodsDetail | undefined> {
  const [goods, skus] = await Promise.all([loadGoods(db, goodsId), loadSkusOfGoods(db, goodsId)]);
  if (!goods || !goods.onShelf) return undefined;
  const detail = goodsDetailView(goods, skus);
  const urls = await resolve(detail.goods.images);
  detail.goods.images = detail.goods.images.map((src) => urls.get(src) ?? src);
  return detail;
}

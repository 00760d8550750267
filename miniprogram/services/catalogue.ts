/** The catalogue actions of the `shop` cloud function, as pages use them. */
import type { CategoryView, GoodsDetail, GoodsPage, GoodsQuery, HomeData } from '../../typings/api/catalogue';
import { callCloud } from './cloud';

/** The home page's whole first screen (one call). */
export function getHome(pageSize?: number): Promise<HomeData> {
  return callCloud('shop', 'home.get', pageSize ? { pageSize } : {});
}

export function getCategories(): Promise<CategoryView[]> {
  return callCloud('shop', 'catalogue.categories');
}

export function listGoods(query: GoodsQuery): Promise<GoodsPage> {
  return callCloud('shop', 'catalogue.goods', query);
}

export function getGoodsDetail(goodsId: string): Promise<GoodsDetail> {
  return callCloud('shop', 'catalogue.goodsDetail', { goodsId });
}

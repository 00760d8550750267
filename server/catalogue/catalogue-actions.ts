/** The catalogue actions of the `shop` function (contract: typings/api/catalogue.ts). Thin: validate, read, shape. */
import { z } from 'zod';
import type { CatalogueActions } from '../../typings/api/catalogue';
import { AppError, defineAction, type ActionsOf } from '../lib';
import { MAX_GOODS_PAGE, MAX_GOODS_PAGE_SIZE, MAX_KEYWORD_LENGTH } from './catalogue-query';
import { categoryList, goodsDetail, goodsPage, homeData } from './goods-pages';
import { cloudImageResolver } from './image-urls';

/** A document id as clients send it. */
export const idSchema = z.string().min(1).max(64);

const pageSize = z.number().int().min(1).max(MAX_GOODS_PAGE_SIZE);

export const catalogueActions: ActionsOf<CatalogueActions> = {
  'home.get': defineAction({
    input: z.strictObject({ pageSize: pageSize.optional() }),
    handler: (input, ctx) => homeData(ctx.db, cloudImageResolver(ctx.log), input.pageSize),
  }),
  'catalogue.categories': defineAction({
    input: z.strictObject({}),
    handler: (_input, ctx) => categoryList(ctx.db, cloudImageResolver(ctx.log)),
  }),
  'catalogue.goods': defineAction({
    input: z.strictObject({
      categoryId: idSchema.optional(),
      keyword: z.string().max(MAX_KEYWORD_LENGTH).optional(),
      page: z.number().int().min(1).max(MAX_GOODS_PAGE),
      pageSize,
      sort: z.enum(['default', 'sales', 'newest', 'price_asc', 'price_desc']).optional(),
    }),
    handler: (input, ctx) => goodsPage(ctx.db, cloudImageResolver(ctx.log), input),
  }),
  'catalogue.goodsDetail': defineAction({
    input: z.strictObject({ goodsId: idSchema }),
    handler: async (input, ctx) => {
      const detail = await goodsDetail(ctx.db, cloudImageResolver(ctx.log), input.goodsId, { openid: ctx.openid, now: ctx.now() });
      if (!detail) throw new AppError('NOT_FOUND', '商品不存在或已下架');
      return detail;
    },
  }),
};

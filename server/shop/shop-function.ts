/**
 * The `shop` cloud function: public facts about the shop, the catalogue (server/catalogue) and the caller's user
 * (server/users). Bundled from cloudfunctions/shop/src/index.ts.
 */
import { z } from 'zod';
import type { ShopActions } from '@typings/api/shop';
import { defineAction, defineFunction } from '../lib';
import { loadShopSettings } from './settings-store';
import { catalogueActions } from '../catalogue/catalogue-actions';
import { userActions } from '../users/user-actions';

const noInput = z.strictObject({});

export const shopFunction = defineFunction<ShopActions>({
  name: 'shop',
  actions: {
    ping: defineAction({
      input: noInput,
      handler: async (_input, ctx) => ({ pong: true as const, at: ctx.now() }),
    }),
    'settings.get': defineAction({
      input: noInput,
      handler: async (_input, ctx) => loadShopSettings(ctx.db),
    }),
    ...catalogueActions,
    ...userActions,
  },
});

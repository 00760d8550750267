/** The `member` cloud function (contract typings/api/member.ts). Bundled from cloudfunctions/member/src. */
import { z } from 'zod';
import type { MemberActions } from '@typings/api/member';
import type { ShopPricingRules } from '@typings/marketing/pricing';
import { cloudImageResolver } from '../catalogue/image-urls';
import { pricingRulesSchema } from '../domain/member/pricing-rules';
import { ledgerEntryView, memberCentreView } from '../domain/member/member-views';
import { defineAction, defineFunction, requireOpenid } from '../lib';
import { AppError } from '../lib/errors';
import { loadCheckoutSettings } from '../orders/order-settings';
import { requireStaff } from '../staff/staff-guard';
import { spendableNow } from '../domain/member/member-account';
import { loadMember } from './member-store';
import { memberZone } from './member-zone';
import { exchangeGift, giftList } from './points-gifts';
import { loadPricingRules, savePricingRules } from './pricing-rules-store';

export const LEDGER_PAGE_SIZE = 20;

const id = z.string().trim().min(1).max(64);

export const memberFunction = defineFunction<MemberActions>({
  name: 'member',
  actions: {
    'member.centre': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => {
        const openid = requireOpenid(ctx);
        const [member, settings] = await Promise.all([loadMember(ctx.db, openid, ctx.now()), loadCheckoutSettings(ctx.db)]);
        return memberCentreView(member, settings.pricing, ctx.now());
      },
    }),

    'points.ledger': defineAction({
      input: z.strictObject({ page: z.number().int().min(0).max(10_000).optional() }),
      handler: async ({ page = 0 }, ctx) => {
        const now = ctx.now();
        const member = await loadMember(ctx.db, requireOpenid(ctx), now);
        const newest = [...member.entries].reverse();
        const slice = newest.slice(page * LEDGER_PAGE_SIZE, (page + 1) * LEDGER_PAGE_SIZE);
        return {
          entries: slice.map(ledgerEntryView),
          balance: spendableNow(member, now),
          page,
          pageSize: LEDGER_PAGE_SIZE,
          hasMore: newest.length > (page + 1) * LEDGER_PAGE_SIZE,
        };
      },
    }),

    'points.gifts': defineAction({
      input: z.strictObject({}),
      handler: (_input, ctx) => giftList(ctx, requireOpenid(ctx)),
    }),

    'points.exchange': defineAction({
      input: z.strictObject({ giftId: id, requestId: z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId: 8–64 letters, digits, _ or -') }),
      handler: ({ giftId, requestId }, ctx) => exchangeGift(ctx, requireOpenid(ctx), giftId, requestId),
    }),

    'zone.goods': defineAction({
      input: z.strictObject({}),
      handler: (_input, ctx) => memberZone(ctx, requireOpenid(ctx), cloudImageResolver(ctx.log)),
    }),

    'rules.get': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => {
        await requireStaff(ctx);
        return { rules: await loadPricingRules(ctx) };
      },
    }),

    'rules.set': defineAction({
      input: z.strictObject({ rules: pricingRulesSchema }) as unknown as z.ZodType<{ rules: ShopPricingRules }>,
      handler: async ({ rules }, ctx) => {
        const me = await requireStaff(ctx);
        if (me.role !== 'owner') throw new AppError('FORBIDDEN', '仅店长可修改会员与积分规则');
        return { rules: await savePricingRules(ctx, rules) };
      },
    }),
  },
});

/** The `marketing` cloud function (contract typings/api/marketing.ts). Bundled from cloudfunctions/marketing/src. */
import { z } from 'zod';
import type { ClaimBlock, GrantResult, MarketingActions } from '@typings/api/marketing';
import { defineAction, defineFunction, requireOpenid } from '../lib';
import { requireStaff } from '../staff/staff-guard';
import { claimRefusal } from './claim-refusals';
import { couponCentre, myCoupons } from './coupon-lists';
import { loadTemplate } from './coupon-store';
import { issueOne } from './issue-coupon';

const id = z.string().trim().min(1).max(64);

export const marketingFunction = defineFunction<MarketingActions>({
  name: 'marketing',
  actions: {
    'coupons.centre': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => ({ coupons: await couponCentre(ctx, requireOpenid(ctx)) }),
    }),

    'coupons.claim': defineAction({
      input: z.strictObject({ templateId: id }),
      handler: async ({ templateId }, ctx) => {
        const openid = requireOpenid(ctx);
        const template = await loadTemplate(ctx.db, templateId);
        const out = await issueOne(ctx, template, openid, 'claim');
        if (!out.ok) throw claimRefusal(out.reason);
        return { coupon: out.coupon };
      },
    }),

    'coupons.mine': defineAction({
      input: z.strictObject({ status: z.enum(['available', 'locked', 'used', 'expired', 'all']).optional() }),
      handler: async ({ status }, ctx) => ({ coupons: await myCoupons(ctx, requireOpenid(ctx), status ?? 'all') }),
    }),

    'coupons.grant': defineAction({
      input: z.strictObject({ templateId: id, openids: z.array(id).min(1).max(100) }),
      handler: async ({ templateId, openids }, ctx) => {
        await requireStaff(ctx);
        const template = await loadTemplate(ctx.db, templateId);
        const result: GrantResult = { granted: [], refused: [] };
        // one at a time: each grant's conditional update sees the previous one's count
        for (const openid of [...new Set(openids)]) {
          const out = await issueOne(ctx, template, openid, 'grant');
          if (out.ok) result.granted.push({ openid, couponId: out.coupon._id });
          else result.refused.push({ openid, reason: out.reason as ClaimBlock });
        }
        return result;
      },
    }),
  },
});

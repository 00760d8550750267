/** The `marketing` cloud function (contract typings/api/marketing.ts). Bundled from cloudfunctions/marketing/src. */
import { z } from 'zod';
import type { ClaimBlock, GrantResult, MarketingActions } from '@typings/api/marketing';
import { defineAction, defineFunction, requireOpenid } from '../lib';
import { requireStaff } from '../staff/staff-guard';
import { claimRefusal } from './claim-refusals';
import { couponCentre, myCoupons } from './coupon-lists';
import { loadTemplate } from './coupon-store';
import { issueOne } from './issue-coupon';
import { grantToAudience } from './audience-grant';
import { listCampaigns, savePromotion, saveTemplate, setEnabled, setInviteCampaign } from './campaign-admin';
import { promotionInputSchema, setEnabledSchema, setInviteSchema, templateInputSchema } from './campaign-inputs';
import { claimCommunityCoupon } from './community-claims';
import { communityView } from './community-view';
import { acceptInvite, inviteSummary } from './invites';
import { newUserZone } from './new-user-zone';

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

    'community.view': defineAction({
      input: z.strictObject({ templateId: id }),
      handler: async ({ templateId }, ctx) => communityView(ctx, requireOpenid(ctx), await loadTemplate(ctx.db, templateId)),
    }),

    'community.claim': defineAction({
      input: z.strictObject({ templateId: id, cloudID: z.string().trim().min(1).max(512) }),
      handler: async ({ templateId, cloudID }, ctx) => {
        const openid = requireOpenid(ctx);
        return claimCommunityCoupon(ctx, await loadTemplate(ctx.db, templateId), openid, cloudID);
      },
    }),

    'invites.mine': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => inviteSummary(ctx, requireOpenid(ctx)),
    }),

    'invites.accept': defineAction({
      input: z.strictObject({ code: z.string().trim().regex(/^[a-z0-9]{4,16}$/, '邀请码格式不对') }),
      handler: async ({ code }, ctx) => acceptInvite(ctx, requireOpenid(ctx), code),
    }),

    'newUser.zone': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => newUserZone(ctx, requireOpenid(ctx)),
    }),

    'coupons.grantAudience': defineAction({
      input: z.strictObject({
        templateId: id,
        audience: z.discriminatedUnion('type', [
          z.strictObject({ type: z.literal('tier'), tier: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]) }),
          z.strictObject({ type: z.literal('segment'), segment: z.enum(['new_first_visit', 'new_returning', 'active_customer', 'at_risk', 'churned']) }),
        ]),
        cursor: id.optional(),
      }),
      handler: async ({ templateId, audience, cursor }, ctx) => {
        await requireStaff(ctx);
        return grantToAudience(ctx, await loadTemplate(ctx.db, templateId), audience, cursor);
      },
    }),

    'campaigns.list': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => {
        await requireStaff(ctx);
        return listCampaigns(ctx);
      },
    }),

    'campaigns.saveTemplate': defineAction({
      input: templateInputSchema,
      handler: async (input, ctx) => {
        await requireStaff(ctx);
        return { template: await saveTemplate(ctx, input) };
      },
    }),

    'campaigns.savePromotion': defineAction({
      input: promotionInputSchema,
      handler: async (input, ctx) => {
        await requireStaff(ctx);
        return { promotion: await savePromotion(ctx, input) };
      },
    }),

    'campaigns.setEnabled': defineAction({
      input: setEnabledSchema,
      handler: async ({ kind, id: targetId, enabled }, ctx) => {
        await requireStaff(ctx);
        return setEnabled(ctx, kind, targetId, enabled);
      },
    }),

    'campaigns.setInvite': defineAction({
      input: setInviteSchema,
      handler: async (input, ctx) => {
        await requireStaff(ctx);
        return { invite: await setInviteCampaign(ctx, input) };
      },
    }),
  },
});

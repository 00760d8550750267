/** The `notify` cloud function: records the subscription authorisations a customer gives. */
import { z } from 'zod';
import type { NotifyActions } from '@typings/api/notify';
import { defineAction, defineFunction, requireOpenid } from '../lib';
import { countsOf, grantAuthorisation } from './subscriptions';
import { knownTemplateIds } from './templates';

const answers = z.enum(['accept', 'reject', 'ban', 'filter']);

export const notifyFunction = defineFunction<NotifyActions>({
  name: 'notify',
  actions: {
    'notify.recordSubscription': defineAction({
      input: z.strictObject({
        results: z
          .record(z.string().min(1).max(128), answers)
          .refine((r) => Object.keys(r).length <= 20, 'at most 20 templates'),
      }),
      handler: async (input, ctx) => {
        const openid = requireOpenid(ctx);
        const known = knownTemplateIds();
        const accepted = Object.entries(input.results)
          .filter(([id, answer]) => answer === 'accept' && known.has(id))
          .map(([id]) => id)
          .sort();
        for (const id of accepted) await grantAuthorisation(ctx.db, openid, id, ctx.now());
        return { accepted, counts: await countsOf(ctx.db, openid, [...known].sort()) };
      },
    }),
    'notify.subscriptions': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => ({ counts: await countsOf(ctx.db, requireOpenid(ctx), [...knownTemplateIds()].sort()) }),
    }),
  },
});

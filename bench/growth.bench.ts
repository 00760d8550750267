/**
 * Growth benchmarks (issue 5: community coupons, invites, expiry, audience grants), through the gateway on the
 * emulator: median latency and the database calls each costs (from the quota meters).
 */
import type { TimersService } from '../emulator/src/timers/timers';
import { startOrderEnv, type OrderTestEnv } from '../server/orders/test-support';
import { couponTemplate, DAY, mintCloudId, ownedCoupon } from '../server/marketing/__fixtures__/coupons';
import type { CouponTemplate } from '../typings/marketing/coupon';
import { measure, ms, printTable, type BenchRow } from './lib';


async function quotaOf(env: OrderTestEnv, invocationId: string): Promise<string> {
  const q = await env.quota(invocationId);
  return `DB reads ${q.dbReadRequests}, writes ${q.dbWriteRequests}`;
}

const mint = (env: OrderTestEnv, openid: string, openGId: string) => mintCloudId(env.emu.baseUrl, openid, { openGId });

export async function growthBench(): Promise<void> {
  const env = await startOrderEnv({ maxInstancesPerFunction: 4 });
  const rows: BenchRow[] = [];
  try {
    const now = env.emu.clock.now();
    const template = (id: string, over: Partial<CouponTemplate>) =>
      couponTemplate(id, now, { title: id, benefit: { kind: 'fixed', amountFen: 300 }, totalQuantity: null, createdAt: now, ...over });
    env.coll('staff').insertOne({ _id: 'bench-staff', role: 'owner', name: '店长' });
    env.coll('coupon_templates').insertMany([template('b-group', { communityOnly: true, perGroupLimit: 100_000 }), template('b-tier', {})] as unknown as Record<string, unknown>[]);
    env.coll('campaigns').insertOne({ _id: 'invite', enabled: true, inviterTemplateId: 'b-tier', inviteeTemplateId: 'b-tier', updatedAt: now });

    const ids = await Promise.all(Array.from({ length: 60 }, (_v, i) => mint(env, `bench-m${i}`, 'G-bench')));
    let last = '';
    const claim = await measure(
      55,
      async (i) => {
        const r = await env.call('marketing', 'community.claim', { templateId: 'b-group', cloudID: ids[i]! }, `bench-m${i}`);
        if (!r.reply.ok) throw new Error(`claim refused: ${r.reply.code}`);
        last = r.invocationId;
      },
      0,
    );
    rows.push({ name: 'community.claim (getOpenData + group cap + issue)', median: ms(claim.median), p95: ms(claim.p95), extra: await quotaOf(env, last) });

    const code = (await env.ok('marketing', 'invites.mine', {}, 'bench-host')).code as string;
    const accept = await measure(50, async (i) => {
      const r = await env.call('marketing', 'invites.accept', { code }, `bench-friend-${i}`);
      if (!r.reply.ok) throw new Error(`accept refused: ${r.reply.code}`);
      last = r.invocationId;
    }, 0);
    rows.push({ name: 'invites.accept', median: ms(accept.median), p95: ms(accept.p95), extra: await quotaOf(env, last) });

    env.coll('members').insertMany(Array.from({ length: 100 }, (_v, i) => ({ _id: `bench-t${String(i).padStart(3, '0')}`, tier: 2 })));
    const grant = await env.call('marketing', 'coupons.grantAudience', { templateId: 'b-tier', audience: { type: 'tier', tier: 2 } }, 'bench-staff');
    if (!grant.reply.ok) throw new Error('grant refused');
    rows.push({ name: 'coupons.grantAudience, one batch of 100 members', median: '-', p95: '-', extra: `${await quotaOf(env, grant.invocationId)}: 2 writes per customer (the total, the coupon), the reads once per batch` });

    env.coll('user_coupons').insertMany(
      Array.from({ length: 500 }, (_v, i) =>
        ownedCoupon(`bench-c${i}`, `bench-owner-${i % 250}`, now, {
          templateId: 'b-tier',
          title: '券',
          benefit: { kind: 'fixed', amountFen: 100 },
          validUntil: i < 250 ? now - 1 : now + DAY,
          source: 'grant',
        }),
      ) as unknown as Record<string, unknown>[],
    );
    const t0 = performance.now();
    const fire = await env.emu.service<TimersService>('timers').fire('marketingTimers', 'morning');
    const took = performance.now() - t0;
    const q = fire.requestId ? await quotaOf(env, fire.requestId) : '';
    rows.push({ name: 'marketingTimers morning: expire 250, remind 250 coupons of 125 customers', median: ms(took), p95: '-', extra: q || JSON.stringify(fire.result) });
  } finally {
    await env.stop();
  }
  printTable('Growth (community coupons, invites, grants, coupon timers) on the emulator', rows);
}

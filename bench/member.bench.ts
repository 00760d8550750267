/**
 * Member tiers and points (issue 5): checkout.quote with a tier and points for 1 / 50 lines (latency and database
 * calls from the quota meters: they must not grow with the lines), checkout.create spending points (one member
 * transaction), a gift exchange, and 20 concurrent exchanges of one gift (transaction retries).
 */
import { startOrderEnv } from '../server/orders/test-support';
import { MEMBER_SETTINGS, memberWithPoints, seedMember } from '../server/member/test-support';
import { measure, ms, printTable, type BenchRow } from './lib';

function seeds(n: number) {
  return Array.from({ length: n }, (_v, i) => ({ id: `g-${i}`, title: `商品 ${i}`, skus: [{ id: `s-${i}`, priceFen: 1000 + i * 7, stock: 1_000_000 }] }));
}

export async function memberBench(): Promise<void> {
  const env = await startOrderEnv({ seeds: seeds(50), settings: MEMBER_SETTINGS, maxInstancesPerFunction: 8 });
  const rows: BenchRow[] = [];
  try {
    const now = env.emu.clock.now();
    seedMember(env, memberWithPoints('bench-gold', 6000, now - 1000));
    for (const lines of [1, 50]) {
      const items = Array.from({ length: lines }, (_v, i) => ({ skuId: `s-${i}`, quantity: 1 }));
      let last = '';
      const t = await measure(50, async () => {
        const r = await env.call('order', 'checkout.quote', { items, fulfilment: { type: 'pickup' }, coupon: 'best', points: 'max' }, 'bench-gold');
        if (!r.reply.ok) throw new Error(`quote refused: ${r.reply.code}`);
        last = r.invocationId;
      }, 5);
      const q = await env.quota(last);
      rows.push({ name: `checkout.quote, tier 2 + points, ${lines} line(s)`, median: ms(t.median), p95: ms(t.p95), extra: `DB reads ${q.dbReadRequests}, writes ${q.dbWriteRequests}` });
    }

    let n = 0;
    let last = '';
    const create = await measure(20, async () => {
      const buyer = `bench-spender-${n++}`;
      seedMember(env, memberWithPoints(buyer, 500, now - 1000));
      const r = await env.call('order', 'checkout.create', { items: [{ skuId: 's-1', quantity: 1 }], fulfilment: { type: 'pickup' }, points: 'max', source: 'buy_now' }, buyer);
      if (!r.reply.ok) throw new Error(`create refused: ${r.reply.code} ${r.reply.message}`);
      last = r.invocationId;
    }, 2);
    const cq = await env.quota(last);
    rows.push({ name: 'checkout.create spending points, 1 line', median: ms(create.median), p95: ms(create.p95), extra: `DB reads ${cq.dbReadRequests}, writes ${cq.dbWriteRequests} (points: one member transaction)` });

    env.coll('points_gifts').insertOne({ _id: 'bench-gift', title: '礼品', image: '', description: '', pointsCost: 10, stock: 1_000_000, enabled: true, sort: 1 });
    let k = 0;
    const ex = await measure(50, async () => {
      const r = await env.call('member', 'points.exchange', { giftId: 'bench-gift', requestId: `bench-request-${k++}` }, 'bench-gold');
      if (!r.reply.ok) throw new Error(`exchange refused: ${r.reply.code}`);
      last = r.invocationId;
    }, 5);
    const eq = await env.quota(last);
    rows.push({ name: 'points.exchange (one transaction)', median: ms(ex.median), p95: ms(ex.p95), extra: `DB reads ${eq.dbReadRequests}, writes ${eq.dbWriteRequests}` });

    for (let i = 0; i < 20; i++) seedMember(env, memberWithPoints(`bench-racer-${i}`, 100, now - 1000));
    const started = Date.now();
    const raced = await Promise.all(Array.from({ length: 20 }, (_v, i) => env.call('member', 'points.exchange', { giftId: 'bench-gift', requestId: `race-request-${i}` }, `bench-racer-${i}`)));
    const succeeded = raced.filter((r) => r.reply.ok).length;
    rows.push({ name: '20 concurrent exchanges of one gift', median: ms(Date.now() - started), p95: '-', extra: `wall time for all 20, ${succeeded} succeeded; conflicting transactions retried by the SDK` });
  } finally {
    await env.stop();
  }
  printTable('Member tiers and points (this machine)', rows);
}

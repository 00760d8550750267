/**
 * Shop-core benchmarks (issue: shop core): checkout quote and order creation for carts of 1, 10 and 50 lines —
 * median latency and the database calls each costs (read from the emulator's quota meters) — the home page's first
 * screen, and the whole customer journey's quota per order, turned into orders a day within the base plan.
 */
import { startOrderEnv, type OrderTestEnv } from '../server/orders/test-support';
import { measure, ms, printTable, type BenchRow } from './lib';

/** CloudBase base plan, per day (the figures). */
const BASE_PLAN = { reads: 50_000, writes: 30_000 };

function seeds(n: number) {
  return Array.from({ length: n }, (_v, i) => ({ id: `g-${i}`, title: `商品 ${i}`, skus: [{ id: `s-${i}`, priceFen: 100 + i * 7, stock: 1_000_000 }] }));
}

async function quotaOf(env: OrderTestEnv, invocationId: string): Promise<{ reads: number; writes: number; calls: number }> {
  const q = await env.quota(invocationId);
  return { reads: q.dbReadRequests, writes: q.dbWriteRequests, calls: q.dbReadRequests + q.dbWriteRequests };
}

export async function shopBench(): Promise<void> {
  const env = await startOrderEnv({ seeds: seeds(50), maxInstancesPerFunction: 4 });
  const rows: BenchRow[] = [];
  try {
    await env.coll('staff').insertOne({ _id: 'bench-staff', role: 'owner', name: '店长' });
    for (const lines of [1, 10, 50]) {
      const items = Array.from({ length: lines }, (_v, i) => ({ skuId: `s-${i}`, quantity: 1 }));
      const input = { items, fulfilment: { type: 'pickup' } };
      let last = '';
      const quote = await measure(60, async () => {
        const r = await env.call('order', 'checkout.quote', input, 'bench-buyer');
        if (!r.reply.ok) throw new Error(`quote refused: ${r.reply.code}`);
        last = r.invocationId;
      }, 5);
      const qq = await quotaOf(env, last);
      rows.push({ name: `checkout.quote, ${lines} line(s)`, median: ms(quote.median), p95: ms(quote.p95), extra: `DB calls ${qq.calls} (reads ${qq.reads}, writes ${qq.writes})` });

      let n = 0;
      const create = await measure(30, async () => {
        const r = await env.call('order', 'checkout.create', { ...input, source: 'buy_now' }, `bench-buyer-${lines}-${n++}`);
        if (!r.reply.ok) throw new Error(`create refused: ${r.reply.code} ${r.reply.message}`);
        last = r.invocationId;
      }, 3);
      const cq = await quotaOf(env, last);
      rows.push({ name: `checkout.create, ${lines} line(s)`, median: ms(create.median), p95: ms(create.p95), extra: `DB calls ${cq.calls} (reads ${cq.reads}, writes ${cq.writes}: one conditional stock update per SKU)` });
    }

    const home = await env.call('shop', 'home.get', {}, 'bench-visitor');
    const hq = await quotaOf(env, home.invocationId);
    const homeT = await measure(50, () => env.call('shop', 'home.get', {}, 'bench-visitor'), 5);
    rows.push({ name: 'home.get (the whole first screen: 1 cloud call)', median: ms(homeT.median), p95: ms(homeT.p95), extra: `DB reads ${hq.reads}` });

    const detail = await env.call('shop', 'catalogue.goodsDetail', { goodsId: 'g-1' }, 'bench-visitor');
    const dq = await quotaOf(env, detail.invocationId);
    const detailT = await measure(50, () => env.call('shop', 'catalogue.goodsDetail', { goodsId: 'g-1' }, 'bench-visitor'), 5);
    rows.push({ name: 'catalogue.goodsDetail (with the caller\'s member price, lock, new-user price, 满减)', median: ms(detailT.median), p95: ms(detailT.p95), extra: `DB reads ${dq.reads}` });

    // The whole journey of one customer, metered: open from a QR → home → goods → cart → checkout → pay → pickup.
    const buyer = 'bench-journey';
    const before = await (await fetch(`${env.emu.baseUrl}/_emulator/quota`)).json() as Record<string, number>;
    await env.ok('shop', 'user.enter', { scene: 1047, query: { scene: 's=1&t=5' } }, buyer);
    await env.ok('shop', 'home.get', {}, buyer);
    await env.ok('shop', 'catalogue.goodsDetail', { goodsId: 'g-1' }, buyer);
    await env.ok('cart', 'cart.add', { skuId: 's-1', quantity: 2 }, buyer);
    await env.ok('cart', 'cart.get', {}, buyer);
    await env.ok('order', 'checkout.quote', { items: [{ skuId: 's-1', quantity: 2 }], fulfilment: { type: 'pickup' } }, buyer);
    const created = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-1', quantity: 2 }], fulfilment: { type: 'pickup' } }, buyer);
    const order = env.order(created.orderId);
    await env.pay.simulatePayment(order.orderNo, { times: 1 });
    await env.ok('order', 'order.detail', { orderId: created.orderId }, buyer);
    await env.ok('staff', 'staff.verifyPickup', { code: env.order(created.orderId).fulfilment.pickupCode }, 'bench-staff');
    const after = await (await fetch(`${env.emu.baseUrl}/_emulator/quota`)).json() as Record<string, number>;
    const d = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    const reads = d('dbReadRequests');
    const writes = d('dbWriteRequests');
    const perDay = Math.floor(Math.min(BASE_PLAN.reads / Math.max(1, reads), BASE_PLAN.writes / Math.max(1, writes)));
    rows.push({
      name: 'customer journey per order (QR → … → pickup)',
      median: '-',
      p95: '-',
      extra: `function calls ${d('functionCalls')}, DB reads ${reads} (${d('dbReadDocs')} docs), DB writes ${writes} (${d('dbWriteDocs')} docs) → ~${perDay} orders/day within the base plan (${BASE_PLAN.reads} reads, ${BASE_PLAN.writes} writes)`,
    });
  } finally {
    await env.stop();
  }
  printTable('Shop core (this machine)', rows);
}

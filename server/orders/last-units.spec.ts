/**
 * 200 customers (distinct openids) check out the last 5 units of a SKU at the same moment, through the HTTP
 * gateway and the functions runtime (4 concurrent instances: enough to interleave, cheap to start): exactly 5 orders hold stock,
 * every other customer is told OUT_OF_STOCK, and the counters add up.
 */
import { stockBaseline } from '../domain/stock-plan';
import { type OrderTestEnv, startOrderEnv } from './test-support';

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({ maxInstancesPerFunction: 4, seeds: [{ id: 'g-last', title: '限量杯', skus: [{ id: 's-last', priceFen: 1999, stock: 5 }] }] });
});

afterAll(async () => {
  await env?.stop();
});

it('exactly 5 of 200 simultaneous checkouts get the last 5 units', async () => {
  const customers = Array.from({ length: 200 }, (_, i) => `o-rush-${String(i).padStart(3, '0')}`);
  const results = await Promise.all(
    customers.map((openid) => env.call('order', 'checkout.create', { items: [{ skuId: 's-last', quantity: 1 }], fulfilment: { type: 'pickup' } }, openid)),
  );
  const created = results.filter((r) => r.reply.ok && r.reply.data.outcome === 'created');
  const refused = results.filter((r) => !r.reply.ok);
  expect(created).toHaveLength(5);
  expect(refused).toHaveLength(195);
  expect(new Set(refused.map((r) => (r.reply.ok ? '' : r.reply.code)))).toEqual(new Set(['OUT_OF_STOCK']));

  const sku = env.sku('s-last');
  expect(sku).toMatchObject({ stock: 0, reserved: 5, sold: 0 });
  expect(stockBaseline(sku)).toBe(5);
  const orders = env.coll('orders').find({});
  expect(orders).toHaveLength(5);
  expect(new Set(orders.map((o) => o.openid)).size).toBe(5);
  expect(orders.every((o) => o.status === 'unpaid')).toBe(true);
}, 60_000);

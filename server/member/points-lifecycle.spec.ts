/**
 * Points over an order's life, through the real handlers on the emulator: completion earns (tier multiplier) and
 * raises the tier; refunds reverse the earn and give spent points back (duplicate refund notifications and retried
 * hooks count once); the memberTimers trigger expires lots; and seeded random sequences of orders, cancels,
 * completions, refunds, exchanges and ageing keep every stored account sound (balance = Σ ledger ≥ 0).
 */
import type { TimersService } from '../../emulator/src/timers';
import type { OrderDoc } from '../../typings/shop/order';
import { seededRng } from '../../scripts/demo-shop/rng';
import { applyTransition } from '../orders/apply-transition';
import { loadOrder } from '../orders/order-store';
import { type GoodsSeed, type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';
import { afterOrderPoints } from './order-points';
import { expectSound, MEMBER_SETTINGS, memberWithPoints, seedMember, storedMember } from './test-support';

const DAY = 86_400_000;
const STAFF = { role: 'staff' as const, id: 'o-staff-points' };
const EVE = 'o-eve-life';
const MALLORY = 'o-mallory-life';

const SEEDS: GoodsSeed[] = [{ id: 'g-latte', title: '拿铁', skus: [{ id: 's-latte', priceFen: 3000, stock: 100_000 }] }];

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS, settings: MEMBER_SETTINGS });
  // clock jumps of months must not run the every-minute order timers; each test fires the timers it needs
  await env.emu.service<TimersService>('timers').stop();
  env.coll('points_gifts').insertOne({ _id: 'gift-cup', title: '随行杯', image: '', description: '', pointsCost: 50, stock: 100_000, enabled: true, sort: 1 });
});

afterAll(async () => {
  await env?.stop();
});

async function inProcess<T>(fn: (ctx: ReturnType<OrderTestEnv['context']>) => Promise<T>): Promise<T> {
  return env.withSdk((cloud) => fn(env.context(cloud)));
}

async function staff(orderId: string, event: 'verify_pickup' | 'approve_refund'): Promise<void> {
  await inProcess(async (ctx) => {
    const order = (await loadOrder(ctx.db, orderId))!;
    const r = await applyTransition(ctx, order, event, STAFF);
    if (!r.ok) throw new Error(`${event}: ${r.message}`);
  });
}

async function buy(openid: string, quantity: number, points: 'none' | 'max'): Promise<{ orderId: string; orderNo: string }> {
  const res = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-latte', quantity }], fulfilment: { type: 'pickup' }, points, source: 'buy_now' }, openid);
  expect(res.outcome).toBe('created');
  return res;
}

async function paid(openid: string, quantity: number, points: 'none' | 'max' = 'none') {
  const o = await buy(openid, quantity, points);
  await env.pay.simulatePayment(o.orderNo);
  expect(env.order(o.orderId).status).toBe('paid');
  return o;
}

async function refund(openid: string, o: { orderId: string; orderNo: string }, units?: number, times = 1): Promise<void> {
  const lines = units === undefined ? undefined : [{ skuId: 's-latte', quantity: units }];
  await env.ok('order', 'order.requestRefund', { orderId: o.orderId, reason: '不想要了', ...(lines ? { lines } : {}) }, openid);
  await staff(o.orderId, 'approve_refund');
  const order = env.order(o.orderId);
  await env.pay.simulateRefund(order.refunds[order.refunds.length - 1].refundNo, { times });
}

const kinds = (openid: string) => storedMember(env, openid)!.entries.map((e) => [e.kind, e.points]);

describe('earn, reverse, expire', () => {
  const ALICE = 'o-alice-life';

  it('completion earns points with the tier multiplier, adds the spend and raises the tier (computed on the server)', async () => {
    seedMember(env, memberWithPoints(ALICE, 900, env.emu.clock.now())); // tier 0
    const o = await paid(ALICE, 4); // 12 000 fen
    expect(storedMember(env, ALICE)!.entries).toHaveLength(1); // paying earns nothing yet
    await staff(o.orderId, 'verify_pickup');
    const m = storedMember(env, ALICE)!;
    expect(kinds(ALICE)).toEqual([['earn', 900], ['earn', 120]]);
    expect(m).toMatchObject({ balance: 1020, lifetimePoints: 1020, lifetimeSpendFen: 12_000, tier: 1 });
    expect(m.entries[1]).toMatchObject({ id: `earn:${o.orderNo}`, orderNo: o.orderNo, expiresAt: env.emu.clock.now() + 365 * DAY });
    expectSound(m);

    // the same completion hook again (a retried callback) earns nothing twice
    await inProcess((ctx) => afterOrderPoints(ctx, env.order(o.orderId), 'paid'));
    expect(storedMember(env, ALICE)!.entries).toHaveLength(2);
    expect(storedMember(env, ALICE)!.lifetimeSpendFen).toBe(12_000);
  });

  it('a gold member earns ×1.5', async () => {
    const GOLD = 'o-gold-life';
    seedMember(env, memberWithPoints(GOLD, 5000, env.emu.clock.now()));
    const o = await paid(GOLD, 1); // 3000 fen at 10% off = 2700 fen
    await staff(o.orderId, 'verify_pickup');
    expect(kinds(GOLD)).toEqual([['earn', 5000], ['earn', 40]]); // ⌊27 × 1.5⌋
  });

  it('refunds after completion reverse the earn proportionally then fully, and give spent points back; duplicates count once', async () => {
    const BOB = 'o-bob-life';
    seedMember(env, memberWithPoints(BOB, 600, env.emu.clock.now()));
    const o = await paid(BOB, 4, 'max'); // 12 000 fen, 600 points = 600 fen off → 11 400 fen
    expect(env.order(o.orderId).points).toMatchObject({ used: 600, deductFen: 600 });
    await staff(o.orderId, 'verify_pickup');
    expect(kinds(BOB)).toEqual([['earn', 600], ['spend', -600], ['earn', 114]]);

    await refund(BOB, o, 1, 2); // one of four units, notified twice
    const afterPart = storedMember(env, BOB)!;
    // 2850 of 11 400 fen refunded: ⌊114 × ¼⌋ = 28 points taken back, ⌊600 × ¼⌋ = 150 given back
    expect(kinds(BOB).slice(3)).toEqual([['earn_reversal', -28], ['spend_refund', 150]]);
    expect(afterPart.lifetimeSpendFen).toBe(11_400 - 2850);
    expectSound(afterPart);

    await refund(BOB, o, undefined, 2); // the rest, notified twice
    expect(env.order(o.orderId).status).toBe('refunded');
    const after = storedMember(env, BOB)!;
    expect(kinds(BOB).slice(5)).toEqual([['earn_reversal', -86], ['spend_refund', 450]]);
    expect(after).toMatchObject({ balance: 600, lifetimePoints: 600, lifetimeSpendFen: 0, tier: 0 });
    expectSound(after);

    // the refund hook once more changes nothing
    await inProcess((ctx) => afterOrderPoints(ctx, env.order(o.orderId), 'refunding'));
    expect(storedMember(env, BOB)!.entries).toHaveLength(7);
  });

  it('a refund before completion gives the spent points back and earns nothing', async () => {
    const CAROL = 'o-carol-life';
    seedMember(env, memberWithPoints(CAROL, 300, env.emu.clock.now()));
    const o = await paid(CAROL, 1, 'max');
    await refund(CAROL, o, undefined, 2);
    expect(kinds(CAROL)).toEqual([['earn', 300], ['spend', -300], ['spend_refund', 300]]);
    expectSound(storedMember(env, CAROL));
  });

  it('the memberTimers trigger expires lots once; points already spent are not expired', async () => {
    const DAN = 'o-dan-life';
    seedMember(env, memberWithPoints(DAN, 500, env.emu.clock.now()));
    await env.ok('member', 'points.exchange', { giftId: 'gift-cup', requestId: 'dan-exchange-1' }, DAN); // −50
    await env.emu.clock.advance(366 * DAY);
    const fire = await env.emu.service<TimersService>('timers').fire('memberTimers', 'daily');
    expect(fire.ok).toBe(true);
    const m = storedMember(env, DAN)!;
    expect(kinds(DAN)).toEqual([['earn', 500], ['spend', -50], ['expiry', -450]]);
    expect(m).toMatchObject({ balance: 0, nextExpiryAt: null });
    expectSound(m);
    await env.emu.service<TimersService>('timers').fire('memberTimers', 'daily');
    expect(storedMember(env, DAN)!.entries).toHaveLength(3);
  });
});

it('someone else’s order cannot be cancelled or refunded, and no points move', async () => {
  seedMember(env, memberWithPoints(EVE, 400, env.emu.clock.now()));
  seedMember(env, memberWithPoints(MALLORY, 10, env.emu.clock.now()));
  const o = await buy(EVE, 1, 'max');
  const before = snapshot(env, ['orders', 'members']);
  expect((await env.call('order', 'order.cancel', { orderId: o.orderId }, MALLORY)).reply).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect((await env.call('order', 'order.requestRefund', { orderId: o.orderId, reason: 'x' }, MALLORY)).reply).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(snapshot(env, ['orders', 'members'])).toEqual(before);
});

describe('seeded random sequences through the handlers keep balance = Σ ledger ≥ 0', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}`, async () => {
      const rng = seededRng(seed * 7919);
      const openid = `o-random-${seed}`;
      seedMember(env, memberWithPoints(openid, rng.between(0, 800), env.emu.clock.now()));
      let requests = 0;
      for (let step = 0; step < 20; step++) {
        const op = rng.int(10);
        if (op <= 5) {
          const quantity = rng.between(1, 3);
          const o = await buy(openid, quantity, rng.int(2) ? 'max' : 'none');
          const fate = op % 5;
          if (fate === 0) {
            await env.ok('order', 'order.cancel', { orderId: o.orderId }, openid);
          } else {
            await env.pay.simulatePayment(o.orderNo, { times: rng.between(1, 2) });
            if (fate === 1) await refund(openid, o, undefined, rng.between(1, 2));
            else {
              await staff(o.orderId, 'verify_pickup');
              if (fate >= 3 && quantity > 1) await refund(openid, o, 1, rng.between(1, 2));
              if (fate === 4) await refund(openid, o, undefined, rng.between(1, 2));
            }
          }
        } else if (op <= 7) {
          const r = await env.call('member', 'points.exchange', { giftId: 'gift-cup', requestId: `request-${seed}-${requests++}` }, openid);
          if (!r.reply.ok) expect(r.reply.code).toBe('INSUFFICIENT_POINTS');
        } else {
          await env.emu.clock.advance(rng.between(120, 400) * DAY);
          await env.emu.service<TimersService>('timers').fire('memberTimers', 'daily');
        }
        const m = storedMember(env, openid)!;
        expectSound(m);
        // the stored totals agree with the orders
        const orders = env.coll('orders').find({ openid }) as unknown as OrderDoc[];
        const completedNet = m.spendFacts.reduce((a, f) => a + f.fen, 0);
        expect(m.lifetimeSpendFen).toBe(Math.max(0, completedNet));
        for (const order of orders) {
          if (order.status === 'cancelled' && order.points) {
            expect(m.entries.filter((e) => e.id === `spend_refund:${order.orderNo}`)).toHaveLength(1);
          }
        }
      }
      const ids = storedMember(env, openid)!.entries.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    });
  }
});

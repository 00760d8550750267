/**
 * Marketing benchmarks (issue: marketing engine): the checkout quote for 50 lines with 20 active promotions and 30
 * owned coupons — the pricing engine alone (pure `priceCart`), and `checkout.quote` through the gateway on the
 * emulator with the database calls it costs (quota meters). The demo goods are all in category `c1`; category scopes
 * name `c1` or another category, so some promotions and coupons apply and some do not. The database calls must not grow with lines or coupons,
 * so the same quote is also metered for 1 line and no coupon.
 */
import type { OwnedCoupon } from '../typings/marketing/coupon';
import type { Promotion } from '../typings/marketing/promotion';
import type { PricingInput, PricingLine } from '../typings/marketing/pricing';
import { priceCart } from '../server/domain/pricing';
import { startOrderEnv, type OrderTestEnv } from '../server/orders/test-support';
import { measure, ms, printTable, type BenchRow } from './lib';

const DAY = 86_400_000;
const BUYER = 'bench-marketing-buyer';
const LINES = 50;
const PROMOTIONS = 20;
const COUPONS = 30;

/** 18 满减 over the shop, categories and goods sets, and 2 new-user offers. */
function promotions(now: number): Promotion[] {
  const out: Promotion[] = [];
  for (let i = 0; i < PROMOTIONS - 2; i++) {
    const scope =
      i % 3 === 0
        ? { type: 'shop' as const }
        : i % 3 === 1
          ? { type: 'categories' as const, categoryIds: [i % 2 ? 'c1' : 'c-other'] }
          : { type: 'goods' as const, goodsIds: Array.from({ length: 10 }, (_v, k) => `g-${(i + k * 3) % LINES}`) };
    out.push({
      _id: `fr-${String(i).padStart(2, '0')}`,
      kind: 'full_reduction',
      title: `满减 ${i}`,
      scope,
      tiers: [
        { thresholdFen: 3000 + i * 500, reduceFen: 300 + i * 40 },
        { thresholdFen: 10_000 + i * 800, reduceFen: 1200 + i * 60 },
      ],
      startsAt: now - DAY,
      endsAt: now + 30 * DAY,
      enabled: true,
    });
  }
  for (let i = 0; i < 2; i++) {
    out.push({
      _id: `nu-${i}`,
      kind: 'new_user_price',
      title: `新人专享 ${i}`,
      items: [{ goodsId: `g-${i * 7}`, priceFen: 100 }, { goodsId: `g-${i * 7 + 1}`, priceFen: 190 }],
      startsAt: now - DAY,
      endsAt: now + 30 * DAY,
      enabled: true,
    });
  }
  return out;
}

/** 30 coupons of every kind and scope, valid now. */
function coupons(now: number, openid: string, n = COUPONS): OwnedCoupon[] {
  return Array.from({ length: n }, (_v, i) => {
    const benefit =
      i % 3 === 0
        ? { kind: 'fixed' as const, amountFen: 200 + i * 30 }
        : i % 3 === 1
          ? { kind: 'percentage' as const, percentOff: 5 + (i % 20), capFen: 2000 + i * 100, minSpendFen: 5000 }
          : { kind: 'threshold' as const, thresholdFen: 8000 + i * 400, amountFen: 800 + i * 50 };
    const scope = i % 4 === 0 ? { type: 'categories' as const, categoryIds: [i % 8 ? 'c1' : 'c-other'] } : { type: 'shop' as const };
    return {
      _id: `bc-${String(i).padStart(2, '0')}`,
      templateId: `bt-${i}`,
      openid,
      title: `券 ${i}`,
      benefit,
      scope,
      validFrom: now - DAY,
      validUntil: now + (i + 1) * DAY,
      status: 'available' as const,
      source: 'claim' as const,
      issuedAt: now - DAY,
    };
  });
}

function engineInput(now: number): PricingInput {
  const lines: PricingLine[] = Array.from({ length: LINES }, (_v, i) => ({
    skuId: `s-${i}`,
    goodsId: `g-${i}`,
    categoryId: 'c1',
    unitPriceFen: 100 + i * 7,
    quantity: 1 + (i % 3),
  }));
  return {
    lines,
    customer: { openid: BUYER, tier: 2, isNew: true, pointsBalance: 5000, coupons: coupons(now, BUYER) },
    promotions: promotions(now),
    rules: {
      tiers: [
        { tier: 1, name: '银卡', percentOff: 2, pointsMultiplierPercent: 100 },
        { tier: 2, name: '金卡', percentOff: 5, pointsMultiplierPercent: 150 },
        { tier: 3, name: '钻石', percentOff: 8, pointsMultiplierPercent: 200 },
      ],
      points: { deduction: { enabled: true, pointsPerYuan: 100, maxPercentOfOrder: 10 }, earning: { pointsPerYuan: 1, expiresAfterDays: 365 } },
      lineFloorPercent: 50,
    },
    choice: { coupon: 'best', points: 'best' },
    now,
  };
}

function seeds(n: number) {
  return Array.from({ length: n }, (_v, i) => ({
    id: `g-${i}`,
    title: `商品 ${i}`,
    skus: [{ id: `s-${i}`, priceFen: 100 + i * 7, stock: 1_000_000 }],
  }));
}

async function meteredQuote(env: OrderTestEnv, lines: number, openid: string): Promise<{ median: number; p95: number; reads: number; writes: number }> {
  const input = {
    items: Array.from({ length: lines }, (_v, i) => ({ skuId: `s-${i}`, quantity: 1 + (i % 3) })),
    fulfilment: { type: 'pickup' },
    coupon: 'best',
  };
  let last = '';
  const t = await measure(lines > 1 ? 40 : 60, async () => {
    const r = await env.call('order', 'checkout.quote', input, openid);
    if (!r.reply.ok) throw new Error(`quote refused: ${r.reply.code} ${r.reply.message}`);
    last = r.invocationId;
  }, 5);
  const q = await env.quota(last);
  return { ...t, reads: q.dbReadRequests, writes: q.dbWriteRequests };
}

export async function marketingBench(): Promise<void> {
  const rows: BenchRow[] = [];

  const input = engineInput(Date.now());
  const engine = await measure(100, async () => priceCart(input), 10);
  const chosen = priceCart(input);
  rows.push({
    name: `pricing engine alone (priceCart): ${LINES} lines, ${PROMOTIONS} promotions, ${COUPONS} coupons`,
    median: ms(engine.median),
    p95: ms(engine.p95),
    extra: `pure; chose ${chosen.discounts.map((d) => d.kind).join(' + ')}: ${chosen.goodsFen} → ${chosen.payFen} fen`,
  });

  const env = await startOrderEnv({ seeds: seeds(LINES), maxInstancesPerFunction: 4 });
  try {
    const now = env.emu.clock.now();
    env.coll('promotions').insertMany(promotions(now) as unknown as Record<string, unknown>[]);
    env.coll('user_coupons').insertMany(coupons(now, BUYER) as unknown as Record<string, unknown>[]);
    const small = await meteredQuote(env, 1, 'bench-no-coupons');
    const big = await meteredQuote(env, LINES, BUYER);
    rows.push({
      name: 'checkout.quote on the emulator, 1 line, 0 coupons, 20 promotions',
      median: ms(small.median),
      p95: ms(small.p95),
      extra: `DB calls ${small.reads + small.writes} (reads ${small.reads})`,
    });
    rows.push({
      name: `checkout.quote on the emulator, ${LINES} lines, ${COUPONS} coupons, ${PROMOTIONS} promotions`,
      median: ms(big.median),
      p95: ms(big.p95),
      extra: `DB calls ${big.reads + big.writes} (reads ${big.reads})${big.reads === small.reads ? ': the same as for 1 line' : ' — GREW with lines/coupons'}`,
    });
  } finally {
    await env.stop();
  }
  printTable('Marketing: quote with promotions and coupons (this machine)', rows);
}

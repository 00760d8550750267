/**
 * Test set-up shared by the order tests: an emulator running the BUILT functions (order, payNotify, refundNotify,
 * orderTimers) with a manual clock that starts at the real time (the functions' `Date` follows it), a seeded shop (settings with a WeChat Pay sub-merchant, goods, SKUs),
 * calls through the HTTP gateway as a given openid, and in-process views of the data for assertions.
 */
import path from 'node:path';
import type { EmulatorController } from '../../emulator/src/controller';
import type { DatabaseService } from '../../emulator/src/database';
import type { PayService } from '../../emulator/src/pay';
import type { OutboxService } from '../../emulator/src/outbox';
import { seedDataset } from '../../emulator/src/seed';
import { pointSdkAt, startTestEmulator } from '../../emulator/src/testing';
import type { GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type { OrderDoc } from '../../typings/shop/order';
import type { ActionContext } from '../lib/context';
import { createLogger } from '../lib/logger';

export const PROJECT_DIR = path.resolve(__dirname, '../..');
export const SUB_MCH_ID = '1900000109';

export interface SkuSeed {
  id: string;
  priceFen: number;
  stock: number;
  specValues?: string[];
  onShelf?: boolean;
}

export interface GoodsSeed {
  id: string;
  title: string;
  skus: SkuSeed[];
  onShelf?: boolean;
  specs?: GoodsDoc['specs'];
}

export function goodsDocs(seeds: readonly GoodsSeed[], at = Date.now()): { goods: GoodsDoc[]; skus: SkuDoc[] } {
  const goods: GoodsDoc[] = [];
  const skus: SkuDoc[] = [];
  for (const g of seeds) {
    const prices = g.skus.map((s) => s.priceFen);
    goods.push({
      _id: g.id,
      title: g.title,
      categoryId: 'c1',
      images: [`cloud://local.bucket/goods/${g.id}.png`],
      description: '',
      specs: g.specs ?? (g.skus.some((s) => s.specValues?.length) ? [{ name: '规格', values: g.skus.map((s) => s.specValues?.[0] ?? '') }] : []),
      onShelf: g.onShelf ?? true,
      minPriceFen: Math.min(...prices),
      maxPriceFen: Math.max(...prices),
      sales: 0,
      tags: [],
      createdAt: at,
      searchText: g.title.toLowerCase(),
    });
    for (const s of g.skus) {
      skus.push({
        _id: s.id,
        goodsId: g.id,
        specValues: s.specValues ?? [],
        priceFen: s.priceFen,
        onShelf: s.onShelf ?? true,
        stock: s.stock,
        reserved: 0,
        sold: 0,
        refundedToStock: 0,
        restocked: 0,
      });
    }
  }
  return { goods, skus };
}

export const DEFAULT_SETTINGS = {
  _id: 'default',
  name: '街角咖啡',
  pickupEnabled: true,
  deliveryEnabled: true,
  shipping: { flatFeeFen: 600, freeOverFen: 8800 },
  payment: { subMchId: SUB_MCH_ID },
};

export interface CallResult {
  reply: { ok: true; data: any } | { ok: false; code: string; message: string };
  invocationId: string;
}

export interface OrderTestEnv {
  emu: EmulatorController;
  pay: PayService;
  outbox: OutboxService;
  /** In-process view of a collection (no quota counted). */
  coll(name: string): ReturnType<DatabaseService['collection']>;
  /** Calls `fn` through the gateway as `openid` (the mini-program's path). */
  call(fn: string, action: string, input: unknown, openid: string): Promise<CallResult>;
  /** Like call, but returns data and fails the test on a refusal. */
  ok<T = any>(fn: string, action: string, input: unknown, openid: string): Promise<T>;
  /** Calls a function with a raw event and identity (callbacks, timers). */
  invoke(fn: string, event: unknown, identity: { openid?: string; source?: string }): Promise<unknown>;
  order(id: string): OrderDoc;
  sku(id: string): SkuDoc;
  /** The DB/pay meters of one invocation. */
  quota(invocationId: string): Promise<Record<string, number>>;
  /** Runs `fn` with this process's wx-server-sdk pointed at the emulator (restored afterwards). */
  withSdk<T>(fn: (cloud: typeof import('wx-server-sdk')) => Promise<T>): Promise<T>;
  /** An ActionContext for server code run in this process (e.g. staff-side transitions in tests). */
  context(cloud: typeof import('wx-server-sdk'), openid?: string): ActionContext;
  stop(): Promise<void>;
}

export async function startOrderEnv(
  opts: { seeds?: GoodsSeed[]; settings?: Record<string, unknown>; maxInstancesPerFunction?: number; clockStart?: number } = {},
): Promise<OrderTestEnv> {
  const emu = await startTestEmulator({
    projectDir: PROJECT_DIR,
    manualClockStart: opts.clockStart ?? Date.now(),
    ...(opts.maxInstancesPerFunction ? { maxInstancesPerFunction: opts.maxInstancesPerFunction } : {}),
  });
  const { goods, skus } = goodsDocs(opts.seeds ?? []);
  await seedDataset(emu, {
    collections: {
      shop_settings: [opts.settings ?? DEFAULT_SETTINGS],
      goods: goods as unknown as Record<string, unknown>[],
      skus: skus as unknown as Record<string, unknown>[],
      carts: [],
      users: [],
      orders: [],
      payment_issues: [],
      subscriptions: [],
      message_log: [],
    },
  });
  const db = emu.service<DatabaseService>('database');

  const call = async (fn: string, action: string, input: unknown, openid: string): Promise<CallResult> => {
    const res = await fetch(`${emu.baseUrl}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify({ data: { action, input } }),
    });
    const body = (await res.json()) as { result?: CallResult['reply']; errMsg?: string };
    if (!body.result) throw new Error(`platform failure calling ${fn}.${action}: ${body.errMsg}`);
    return { reply: body.result, invocationId: res.headers.get('x-invocation-id') ?? '' };
  };

  const env: OrderTestEnv = {
    emu,
    pay: emu.service<PayService>('pay'),
    outbox: emu.service<OutboxService>('outbox'),
    coll: (name) => db.collection(name),
    call,
    async ok(fn, action, input, openid) {
      const { reply } = await call(fn, action, input, openid);
      if (!reply.ok) throw new Error(`${fn}.${action} refused: ${reply.code} ${reply.message}`);
      return reply.data;
    },
    async invoke(fn, event, identity) {
      const out = await emu.ctx.functions().invoke(fn, event, identity);
      if (!out.ok) throw new Error(`${fn} failed: ${out.code} ${out.message}`);
      return out.result;
    },
    order: (id) => {
      const o = db.collection('orders').byId(id);
      if (!o) throw new Error(`no order ${id}`);
      return o as unknown as OrderDoc;
    },
    sku: (id) => db.collection('skus').byId(id) as unknown as SkuDoc,
    async quota(invocationId) {
      const res = await fetch(`${emu.baseUrl}/_emulator/quota?invocation=${encodeURIComponent(invocationId)}`);
      return (await res.json()) as Record<string, number>;
    },
    async withSdk(fn) {
      const restore = pointSdkAt(emu);
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
        cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
        return await fn(cloud);
      } finally {
        restore();
      }
    },
    context(cloud, openid = '') {
      return {
        openid,
        appid: '',
        unionid: '',
        source: 'test',
        requestId: '',
        db: cloud.database(),
        now: () => emu.clock.now(),
        log: createLogger({ fn: 'test' }, () => undefined),
      };
    },
    stop: () => emu.stop(),
  };
  return env;
}

/** Every document of the given collections, for before/after comparisons. */
export function snapshot(env: OrderTestEnv, names: readonly string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const n of names) out[n] = env.coll(n).find({}, { order: { _id: 1 } });
  return out;
}

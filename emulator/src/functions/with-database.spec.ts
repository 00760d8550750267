/**
 * The functions runtime together with the database service: per-invocation quota meters and a concurrency check
 * of a conditional update made by many separate invocations.
 */
import path from 'node:path';
import { pointSdkAt, startTestEmulator } from '../testing';
import type { EmulatorController } from '../controller';
import type { FunctionsInvoker, InvokeResult } from '../core/contracts';

const FIXTURES = path.join(__dirname, 'fixtures');

interface Db {
  createCollection(name: string): Promise<unknown>;
  collection(name: string): {
    add(o: { data: Record<string, unknown> }): Promise<{ _id: string }>;
    doc(id: string): { get(): Promise<{ data: Record<string, unknown> }> };
  };
}

let emu: EmulatorController;
let fns: FunctionsInvoker;
let db: Db;
let restoreEnv: () => void;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: FIXTURES, functionsRoot: FIXTURES, maxInstancesPerFunction: 6 });
  fns = emu.service<FunctionsInvoker>('functions');
  restoreEnv = pointSdkAt(emu);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { init(o: unknown): void; DYNAMIC_CURRENT_ENV: unknown; database(): Db };
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  db = cloud.database();
});

afterAll(async () => {
  restoreEnv?.();
  await emu?.stop();
});

it('meters each invocation: 2 reads + 1 write show as its own quota', async () => {
  await db.createCollection('notes');
  await db.collection('notes').add({ data: { kind: 'note', by: 'seed' } });

  const res = await fetch(`${emu.baseUrl}/functions/dbops`, {
    method: 'POST',
    headers: { 'x-wx-openid': 'quota-user' },
    body: JSON.stringify({ data: { collection: 'notes' } }),
  });
  const body = (await res.json()) as { result: { found: number; total: number } };
  expect(body.result).toMatchObject({ found: 1, total: 1 });
  const id = res.headers.get('x-invocation-id')!;
  expect(emu.quota.forInvocation(id)).toMatchObject({ functionCalls: 1, dbReadRequests: 2, dbWriteRequests: 1 });

  const other = await fns.invoke('dbops', { collection: 'notes' }, { openid: 'quota-user-2' });
  expect(other).toMatchObject({ ok: true, result: { found: 2, total: 2 } });
  expect(emu.quota.forInvocation(other.requestId)).toMatchObject({ functionCalls: 1, dbReadRequests: 2, dbWriteRequests: 1 });

  const list = (await (await fetch(`${emu.baseUrl}/_emulator/invocations?limit=2`)).json()) as {
    invocations: Array<{ id: string; quota: { dbReadRequests: number; dbWriteRequests: number } }>;
  };
  expect(list.invocations.find((i) => i.id === id)?.quota).toMatchObject({ dbReadRequests: 2, dbWriteRequests: 1 });
});

it('500 concurrent invocations taking stock 100 with a conditional update: exactly 100 succeed, stock ends at 0', async () => {
  await db.createCollection('goods');
  const { _id } = await db.collection('goods').add({ data: { name: 'limited', stock: 100 } });

  const viaGateway = (i: number) =>
    fetch(`${emu.baseUrl}/functions/buyone`, {
      method: 'POST',
      headers: { 'x-wx-openid': `buyer-${i}` },
      body: JSON.stringify({ data: { id: _id } }),
    }).then(async (r) => {
      const b = (await r.json()) as { result?: { updated: number }; errMsg?: string };
      if (!b.result) throw new Error(`gateway failure: ${b.errMsg}`);
      return b.result.updated;
    });
  const viaInvoke = (i: number) =>
    fns.invoke('buyone', { id: _id }, { openid: `buyer-${i}`, source: 'wx_client' }).then((r: InvokeResult) => {
      if (!r.ok) throw new Error(`invoke failure: ${r.code} ${r.message}`);
      return (r.result as { updated: number }).updated;
    });

  const updated = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? viaGateway(i) : viaInvoke(i))));
  expect(updated.filter((u) => u === 1)).toHaveLength(100);
  expect(updated.filter((u) => u === 0)).toHaveLength(400);
  const doc = await db.collection('goods').doc(_id).get();
  expect(doc.data.stock).toBe(0);
}, 60_000);

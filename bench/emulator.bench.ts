/**
 * Emulator benchmarks (issue: foundation): warm invocation through the gateway, get by id, an indexed where-query
 * over 10,000 documents, the conditional decrement, and memory with 100,000 documents.
 */
import path from 'node:path';
import http from 'node:http';
import { startTestEmulator, pointSdkAt } from '../emulator/src/testing';
import type { DatabaseService } from '../emulator/src/database';
import { measure, ms, printTable, type BenchRow } from './lib';

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function emulatorBench(): Promise<void> {
  const emu = await startTestEmulator({ projectDir: path.join(__dirname, 'fixtures'), maxInstancesPerFunction: 4 });
  const rows: BenchRow[] = [];
  try {
    const gateway = `${emu.baseUrl}/functions/bench`;
    const inv = await measure(300, () => post(gateway, { data: { op: 'noop' } }, { 'x-wx-openid': 'bench-user' }));
    rows.push({ name: 'warm function invocation via gateway', median: ms(inv.median), p95: ms(inv.p95), extra: 'aim: median < 15 ms' });

    const restore = pointSdkAt(emu);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk');
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    const db = cloud.database();
    const _ = db.command;
    const dbs = emu.service<DatabaseService>('database');
    const items = dbs.collection('bench_items');
    const docs = Array.from({ length: 10_000 }, (_v, i) => ({ _id: `item-${i}`, sku: `sku-${i % 2000}`, price: i % 997, tags: ['a', `t${i % 7}`] }));
    items.insertMany(docs);

    const byId = await measure(500, (i) => db.collection('bench_items').doc(`item-${(i * 37) % 10_000}`).get());
    rows.push({ name: 'doc(id).get() via wx-server-sdk', median: ms(byId.median), p95: ms(byId.p95), extra: 'aim: median < 2 ms' });

    const where = await measure(300, (i) => db.collection('bench_items').where({ sku: `sku-${(i * 13) % 2000}` }).get());
    rows.push({ name: 'indexed where(sku) over 10,000 docs', median: ms(where.median), p95: ms(where.p95), extra: '5 docs each' });

    const scan = await measure(100, (i) => db.collection('bench_items').where({ price: _.gt((i * 7) % 990) }).limit(20).get());
    rows.push({ name: 'unindexed range where over 10,000 docs', median: ms(scan.median), p95: ms(scan.p95), extra: 'full scan, limit 20' });

    dbs.collection('bench_goods').insertOne({ _id: 'g1', stock: 1_000_000 });
    const dec = await measure(500, () => db.collection('bench_goods').where({ _id: 'g1', stock: _.gte(1) }).update({ data: { stock: _.inc(-1) } }));
    rows.push({ name: 'conditional decrement where({_id, stock>=1}).update(inc -1)', median: ms(dec.median), p95: ms(dec.p95) });

    const decFn = await measure(200, () => post(gateway, { data: { op: 'decrement', id: 'g1' } }, { 'x-wx-openid': 'bench-user' }));
    rows.push({ name: 'conditional decrement inside a function via gateway', median: ms(decFn.median), p95: ms(decFn.p95) });
    restore();

    if (global.gc) global.gc();
    const before = process.memoryUsage().heapUsed;
    const big = dbs.collection('bench_big');
    for (let k = 0; k < 10; k++) {
      big.insertMany(Array.from({ length: 10_000 }, (_v, i) => ({ _id: `b-${k}-${i}`, title: `商品 ${k}-${i}`, priceFen: (i * 31) % 10_000, stock: i % 50, tags: ['x', 'y'], createdAt: new Date(1_700_000_000_000 + i) })));
    }
    if (global.gc) global.gc();
    const after = process.memoryUsage().heapUsed;
    rows.push({ name: 'heap for 100,000 documents', median: `${((after - before) / 1024 / 1024).toFixed(0)} MiB`, p95: '-', extra: `emulator process heap now ${(after / 1024 / 1024).toFixed(0)} MiB${global.gc ? '' : ' (run with --expose-gc for exact figures)'}` });
  } finally {
    await emu.stop();
    agent.destroy();
  }
  printTable('Emulator (this machine)', rows);
}

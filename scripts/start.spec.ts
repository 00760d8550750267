/**
 * `npm start` as a person runs it: a child process on a free port with a temporary data folder. It starts, seeds
 * the demo shop, serves it, stops cleanly on Ctrl-C (SIGINT), and a second start keeps the data without seeding
 * again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const READY = /Kaidian demo shop ready at (http:\/\/127\.0\.0\.1:\d+)/;

// Two real starts of the whole shop, the first seeding the 90-day demo history (~50 s on an idle 2-core machine);
// the bound leaves room for a loaded one. Start-up speed itself is not asserted here.
jest.setTimeout(300_000);

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kaidian-start-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts scripts/start.ts and resolves once it printed its ready line (the build is done by jest's globalSetup). */
function start(): Promise<Running> {
  const child = spawn(TSX, ['scripts/start.ts', '--port', '0', '--data', dataDir, '--skip-build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = READY.exec(out);
      if (m) resolve({ child, url: m[1], output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`start.ts exited (${code}) before it was ready:\n${out}`)));
  });
}

function stop(r: Running): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.removeAllListeners('exit');
    r.child.on('exit', (code) => resolve(code));
    r.child.kill('SIGINT');
  });
}

async function count(url: string, collectionName: string): Promise<number> {
  const res = await fetch(`${url}/admin?env=local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'database.calculateDocument', envName: 'local', collectionName, queryType: 'WHERE' }),
  });
  const body = (await res.json()) as { data?: { total: number }; code?: string };
  if (!body.data) throw new Error(`count ${collectionName}: ${JSON.stringify(body)}`);
  return body.data.total;
}

async function call(url: string, fn: string, action: string, openid: string): Promise<any> {
  const res = await fetch(`${url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ data: { action, input: {} } }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

it('starts, seeds the demo shop once, serves it, and stops cleanly; a second start does not seed again', async () => {
  const first = await start();
  let counts: Record<string, number>;
  try {
    expect(first.output()).toContain('(demo shop seeded now)');
    expect(first.output()).toContain('demo-customer');
    expect(first.output()).toContain('demo-staff');
    expect(first.output()).toContain(`${first.url}/functions/<name>`);
    counts = { goods: await count(first.url, 'goods'), skus: await count(first.url, 'skus'), orders: await count(first.url, 'orders') };
    expect(counts.goods).toBeGreaterThanOrEqual(30);
    expect(counts.orders).toBeGreaterThanOrEqual(8);
    // every collection of the project exists (ensureCollections), even those the demo leaves empty
    await expect(count(first.url, 'message_log')).resolves.toBe(0);
    await expect(call(first.url, 'shop', 'settings.get', 'demo-customer')).resolves.toMatchObject({ ok: true, data: { name: '开店·Demo 咖啡与烘焙' } });
    await expect(call(first.url, 'staff', 'staff.me', 'demo-staff')).resolves.toMatchObject({ ok: true, data: { role: 'owner' } });
    const status = await fetch(`${first.url}/`);
    expect(status.status).toBe(200);
  } finally {
    await expect(stop(first)).resolves.toBe(0);
  }
  expect(first.output()).toContain('stopped');

  const second = await start();
  try {
    expect(second.output()).toContain('(existing data kept');
    expect(await count(second.url, 'goods')).toBe(counts.goods);
    expect(await count(second.url, 'skus')).toBe(counts.skus);
    expect(await count(second.url, 'orders')).toBe(counts.orders);
  } finally {
    await expect(stop(second)).resolves.toBe(0);
  }
});

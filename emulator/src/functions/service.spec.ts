import path from 'node:path';
import { startTestEmulator } from '../testing';
import type { EmulatorController } from '../controller';
import type { FunctionsInvoker, InvocationLookup, InvokeResult } from '../core/contracts';
import { functionsService } from './index';
import type { InvocationView } from './service';

const FIXTURES = path.join(__dirname, 'fixtures');

type WxContext = { OPENID?: string; APPID?: string; UNIONID?: string; ENV?: string; SOURCE?: string };
interface WhoAmI {
  before: WxContext;
  after: WxContext;
  token: string;
  event: Record<string, unknown>;
  context: { request_id: string; function_name: string; time_limit_in_ms: number; memory_limit_in_mb: number };
}

let emu: EmulatorController;
let fns: FunctionsInvoker & InvocationLookup;

function okResult<T>(r: InvokeResult): T {
  if (!r.ok) throw new Error(`invocation failed: ${r.code} ${r.message}`);
  return r.result as T;
}

async function gateway(name: string, data: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${emu.baseUrl}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ data }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  emu = await startTestEmulator({ services: [functionsService], functionsRoot: FIXTURES, maxInstancesPerFunction: 4 });
  fns = emu.service<FunctionsInvoker & InvocationLookup>('functions');
});

afterAll(async () => {
  await emu.stop();
});

describe('discovery', () => {
  it('lists every folder with an index.js and reads config.json', () => {
    expect(fns.list()).toEqual(expect.arrayContaining(['boom', 'caller', 'counter', 'slow', 'whoami']));
    expect(fns.config('slow')).toMatchObject({ timeout: 1 });
    expect(fns.config('whoami')).toEqual({});
    expect(fns.config('nope')).toBeUndefined();
  });
});

describe('identity', () => {
  it('gives each of 50 concurrent invocations its own WX context, also across awaits', async () => {
    const calls = Array.from({ length: 50 }, (_, i) =>
      fns.invoke('whoami', { i, delayMs: (i * 7) % 13 }, {
        openid: `openid-${i}`,
        appid: `wxapp${i % 3}`,
        unionid: `union-${i}`,
        source: i % 2 ? 'wx_client' : 'wx_devtools',
      }),
    );
    const results = await Promise.all(calls);
    results.forEach((r, i) => {
      const out = okResult<WhoAmI>(r);
      const expected = {
        OPENID: `openid-${i}`,
        APPID: `wxapp${i % 3}`,
        UNIONID: `union-${i}`,
        ENV: 'local',
        SOURCE: i % 2 ? 'wx_client' : 'wx_devtools',
      };
      expect(out.before).toEqual(expected);
      expect(out.after).toEqual(expected);
      expect(out.event).toEqual({ i, delayMs: (i * 7) % 13, userInfo: { appId: `wxapp${i % 3}`, openId: `openid-${i}` } });
      expect(out.context.request_id).toBe(r.requestId);
    });
    const overview = (await (await fetch(`${emu.baseUrl}/_emulator/functions`)).json()) as {
      functions: Array<{ name: string; instances: number }>;
    };
    const whoami = overview.functions.find((f) => f.name === 'whoami');
    expect(whoami!.instances).toBeGreaterThan(0);
    expect(whoami!.instances).toBeLessThanOrEqual(4);
  });

  it('leaves out what the caller does not have (no UNIONID, no userInfo without a WeChat caller)', async () => {
    const out = okResult<WhoAmI>(await fns.invoke('whoami', { x: 1 }, { source: 'wx_trigger' }));
    expect(out.before).toEqual({ ENV: 'local', SOURCE: 'wx_trigger' });
    expect(out.event).toEqual({ x: 1 });
  });

  it('passes the platform context argument', async () => {
    const r = await fns.invoke('whoami', {}, { openid: 'o' });
    const out = okResult<WhoAmI>(r);
    expect(out.context).toMatchObject({ function_name: 'whoami', time_limit_in_ms: 3000, memory_limit_in_mb: 256 });
  });

  it('hands each invocation a fresh WX_API_TOKEN that byToken maps back to it, also after it finished', async () => {
    const r1 = await fns.invoke('whoami', {}, { openid: 'tok-1', appid: 'wxt', source: 'wx_client' });
    const r2 = await fns.invoke('whoami', {}, { openid: 'tok-2', source: 'wx_client' });
    const t1 = okResult<WhoAmI>(r1).token;
    const t2 = okResult<WhoAmI>(r2).token;
    expect(t1).toMatch(/^[0-9a-f]{32,}$/);
    expect(t2).not.toBe(t1);
    expect(fns.byToken(t1)).toMatchObject({ id: r1.requestId, functionName: 'whoami', identity: { openid: 'tok-1', appid: 'wxt', source: 'wx_client' } });
    expect(fns.byToken(t2)).toMatchObject({ id: r2.requestId, identity: { openid: 'tok-2' } });
    expect(fns.byToken(undefined)).toBeUndefined();
    expect(fns.byToken('not-a-token')).toBeUndefined();
  });
});

describe('function to function (cloud.callFunction)', () => {
  it('runs the called function as the caller, with SOURCE showing the chain', async () => {
    const out = okResult<{ me: WxContext; result: WhoAmI; errMsg: string }>(
      await fns.invoke('caller', { target: 'whoami', data: { x: 1 } }, { openid: 'o-caller', appid: 'wxa', source: 'wx_client' }),
    );
    expect(out.errMsg).toBe('callFunction:ok');
    expect(out.me).toMatchObject({ OPENID: 'o-caller', SOURCE: 'wx_client' });
    expect(out.result.before).toEqual({ OPENID: 'o-caller', APPID: 'wxa', ENV: 'local', SOURCE: 'wx_client,scf' });
    expect(out.result.event).toEqual({ x: 1, userInfo: { appId: 'wxa', openId: 'o-caller' } });
  });

  it('reports an error thrown in the called function to the caller as FUNCTIONS_EXECUTE_FAIL', async () => {
    const out = okResult<{ error: { errCode: number; errMsg: string; code: string } }>(
      await fns.invoke('caller', { target: 'boom' }, { openid: 'o1', source: 'wx_client' }),
    );
    // wx-server-sdk 4.0.2 over node-sdk 3.17.2 throws the TCB error as an Error: errCode -1, the code kept on `code`.
    expect(out.error.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(out.error.errMsg).toMatch(/^callFunction:fail Error: boom\n\s+at exports\.main .*boom[/\\]index\.js/);
  });

  it('reports a missing called function', async () => {
    const out = okResult<{ error: { errMsg: string; code: string } }>(
      await fns.invoke('caller', { target: 'does-not-exist' }, { openid: 'o1', source: 'wx_client' }),
    );
    expect(out.error.code).toBe('FUNCTION_NOT_FOUND');
    expect(out.error.errMsg).toBe('callFunction:fail FunctionName parameter could not be found.');
  });
});

describe('failures', () => {
  it('turns a thrown error or rejection into FUNCTIONS_EXECUTE_FAIL with the error and user stack', async () => {
    const r = await fns.invoke('boom', {}, { openid: 'o1' });
    expect(r).toMatchObject({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL' });
    if (r.ok) return;
    expect(r.message.split('\n')[0]).toBe('Error: boom');
    expect(r.message).toContain(path.join('boom', 'index.js'));
    expect(r.message).not.toContain('worker-bootstrap');

    const sync = await fns.invoke('boom', { kind: 'sync' }, {});
    expect(sync).toMatchObject({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL' });
    if (!sync.ok) expect(sync.message).toMatch(/^TypeError: Cannot read properties of null/);

    const str = await fns.invoke('boom', { kind: 'string' }, {});
    expect(str).toMatchObject({ ok: false, message: 'plain string failure' });
  });

  it('reports an instance that exits mid-invocation and starts a fresh one', async () => {
    const r = await fns.invoke('boom', { kind: 'exit' }, {});
    expect(r).toMatchObject({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL' });
    if (!r.ok) expect(r.message).toContain('exited (code 3)');
    expect(await fns.invoke('boom', { kind: 'string' }, {})).toMatchObject({ ok: false, message: 'plain string failure' });
  });

  it('times out after config.json timeout, recycles the instance and keeps the queue going', async () => {
    const [slow, quick1, quick2] = await Promise.all([
      fns.invoke('slow', { ms: 1500 }, {}),
      fns.invoke('slow', { ms: 5 }, {}),
      fns.invoke('slow', { ms: 5 }, {}),
    ]);
    expect(slow).toMatchObject({ ok: false, code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: 'Invoking task timed out after 1 seconds' });
    expect(quick1).toMatchObject({ ok: true, result: { slept: 5 } });
    expect(quick2).toMatchObject({ ok: true, result: { slept: 5 } });
    expect(await fns.invoke('slow', { ms: 1 }, {})).toMatchObject({ ok: true, result: { slept: 1 } });
  });

  it('answers a missing function like the platform', async () => {
    expect(await fns.invoke('nope', {}, {})).toMatchObject({
      ok: false,
      code: 'FUNCTION_NOT_FOUND',
      message: 'FunctionName parameter could not be found.',
    });
  });
});

describe('warm instances', () => {
  it('reuses an instance: module state persists between invocations', async () => {
    const a = okResult<{ calls: number; loadedAt: string }>(await fns.invoke('counter', {}, {}));
    const b = okResult<{ calls: number; loadedAt: string }>(await fns.invoke('counter', {}, {}));
    expect(b.loadedAt).toBe(a.loadedAt);
    expect(b.calls).toBe(a.calls + 1);
  });
});

describe('gateway', () => {
  it('runs a function with the identity headers and answers {result, requestId} + x-invocation-id', async () => {
    const r = await gateway('whoami', { q: 'x' }, { 'x-wx-openid': 'gw-openid', 'x-wx-appid': 'wxgw', 'x-wx-unionid': 'gw-union' });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const id = r.headers.get('x-invocation-id');
    expect(id).toBe(r.body.requestId);
    const out = r.body.result as WhoAmI;
    expect(out.before).toEqual({ OPENID: 'gw-openid', APPID: 'wxgw', UNIONID: 'gw-union', ENV: 'local', SOURCE: 'wx_client' });
    expect(out.event).toEqual({ q: 'x', userInfo: { appId: 'wxgw', openId: 'gw-openid' } });
    expect(emu.quota.forInvocation(id!).functionCalls).toBe(1);
  });

  it('defaults the appid to the emulator appId and honours x-wx-source', async () => {
    const r = await gateway('whoami', {}, { 'x-wx-openid': 'o', 'x-wx-source': 'wx_devtools' });
    const out = r.body.result as WhoAmI;
    expect(out.before).toMatchObject({ APPID: emu.ctx.options.appId, SOURCE: 'wx_devtools' });
  });

  it('answers failures with HTTP 200 and the errCode/errMsg wx.cloud.callFunction rejects with', async () => {
    const boom = await gateway('boom', {}, { 'x-wx-openid': 'o' });
    expect(boom.status).toBe(200);
    expect(boom.body.errCode).toBe(-504002);
    expect(String(boom.body.errMsg)).toMatch(/^cloud\.callFunction:fail Error: errCode: -504002 functions execute fail \| errMsg: Error: boom\n/);
    expect(boom.headers.get('x-invocation-id')).toBe(boom.body.requestId);

    const missing = await gateway('nope', {});
    expect(missing.body).toMatchObject({
      errCode: -501000,
      errMsg: 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.',
    });

    const slow = await gateway('slow', { ms: 1500 });
    expect(slow.body).toMatchObject({
      errCode: -504003,
      errMsg: 'cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 1 seconds',
    });
  });

  it('answers CORS preflight', async () => {
    const res = await fetch(`${emu.baseUrl}/functions/whoami`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-wx-openid');
  });
});

describe('invocation history', () => {
  it('lists recent invocations with their quota over HTTP', async () => {
    const r = await gateway('counter', {}, { 'x-wx-openid': 'hist-openid' });
    const id = r.headers.get('x-invocation-id');
    const res = await fetch(`${emu.baseUrl}/_emulator/invocations?limit=3`);
    const body = (await res.json()) as { invocations: InvocationView[] };
    expect(body.invocations.length).toBeLessThanOrEqual(3);
    const mine = body.invocations.find((i) => i.id === id);
    expect(mine).toMatchObject({ functionName: 'counter', openid: 'hist-openid', ok: true, finished: true, source: 'wx_client' });
    expect(mine!.quota.functionCalls).toBe(1);
    expect(mine!.logs).toMatch(/^counter call \d+\n$/);
    expect(JSON.stringify(body)).not.toContain('token');
  });

  it('shows recent invocations on the status page', async () => {
    await gateway('whoami', {}, { 'x-wx-openid': 'status-page-openid' });
    const html = await (await fetch(`${emu.baseUrl}/`)).text();
    expect(html).toContain('Cloud functions');
    expect(html).toContain('status-page-openid');
    expect(html).toContain('<code>whoami</code>');
  });
});

describe('clock', () => {
  it("runs the function's Date on the emulator's clock, so a moved clock moves the function's time", async () => {
    const base = Date.UTC(2030, 0, 1, 8, 0, 0);
    await emu.clock.set(base);
    const first = await emu.ctx.functions().invoke('clock', {}, { openid: 'o-clock' });
    await emu.clock.advance(15 * 60_000);
    const later = await emu.ctx.functions().invoke('clock', {}, { openid: 'o-clock' });
    emu.clock.useRealTime();
    if (!first.ok || !later.ok) throw new Error('clock fixture failed');
    const a = first.result as { now: number; iso: string; isDate: boolean; str: string };
    const b = later.result as { now: number };
    expect(a.now).toBeGreaterThanOrEqual(base);
    expect(a.now).toBeLessThan(base + 10_000);
    expect(a.iso.startsWith('2030-01-01T08:00')).toBe(true);
    expect(a.isDate).toBe(true);
    expect(a.str).toBe('string');
    expect(b.now - a.now).toBeGreaterThan(15 * 60_000 - 10_000);
    expect(b.now - a.now).toBeLessThan(15 * 60_000 + 10_000);
  });
});

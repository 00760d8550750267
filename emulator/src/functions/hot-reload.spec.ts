import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator } from '../testing';
import type { EmulatorController } from '../controller';
import type { FunctionsInvoker, InvokeResult } from '../core/contracts';
import { functionsService } from './index';

/** A WeChat project outside this repository: its functions still get wx-server-sdk and see code changes. */
let projectDir: string;
let emu: EmulatorController;
let fns: FunctionsInvoker;
let bump = 0;

function writeFunction(name: string, version: number): void {
  const dir = path.join(projectDir, 'cloudfunctions', name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.js');
  writeFileSync(
    file,
    `const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const loadedAt = Math.random().toString(36).slice(2);
let calls = 0;
exports.main = async () => ({ version: ${version}, calls: ++calls, loadedAt, ctx: cloud.getWXContext() });
`,
  );
  // Make every rewrite visibly newer, whatever the file system's mtime resolution.
  const t = new Date(Date.now() + ++bump * 10_000);
  utimesSync(file, t, t);
}

function result(r: InvokeResult): { version: number; calls: number; loadedAt: string; ctx: Record<string, unknown> } {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.result as never;
}

beforeAll(async () => {
  projectDir = mkdtempSync(path.join(os.tmpdir(), 'emu-fn-project-'));
  writeFileSync(path.join(projectDir, 'project.config.json'), JSON.stringify({ cloudfunctionRoot: 'cloudfunctions/' }));
  writeFunction('hello', 1);
  emu = await startTestEmulator({ services: [functionsService], projectDir, maxInstancesPerFunction: 1 });
  fns = emu.service<FunctionsInvoker>('functions');
});

afterAll(async () => {
  await emu.stop();
  rmSync(projectDir, { recursive: true, force: true });
});

it('resolves wx-server-sdk for a project outside the repository', async () => {
  const out = result(await fns.invoke('hello', {}, { openid: 'outside', source: 'wx_client' }));
  expect(out.ctx).toMatchObject({ OPENID: 'outside', SOURCE: 'wx_client', ENV: 'local' });
});

it('runs new code once index.js changes, and keeps the instance warm until then', async () => {
  const a = result(await fns.invoke('hello', {}, {}));
  const b = result(await fns.invoke('hello', {}, {}));
  expect(b.loadedAt).toBe(a.loadedAt);
  expect(b.calls).toBe(a.calls + 1);

  writeFunction('hello', 2);
  const c = result(await fns.invoke('hello', {}, {}));
  expect(c.version).toBe(2);
  expect(c.calls).toBe(1);
  expect(c.loadedAt).not.toBe(a.loadedAt);
});

it('queues invocations beyond maxInstancesPerFunction (1 here) on the warm instance', async () => {
  const outs = (await Promise.all([1, 2, 3].map(() => fns.invoke('hello', {}, {})))).map(result);
  expect(new Set(outs.map((o) => o.loadedAt)).size).toBe(1);
  const calls = outs.map((o) => o.calls).sort((a, b) => a - b);
  expect(calls[1]).toBe(calls[0] + 1);
  expect(calls[2]).toBe(calls[0] + 2);
});

it('sees functions added and removed while running', async () => {
  expect(fns.list()).toEqual(['hello']);
  writeFunction('added', 1);
  expect(fns.list()).toEqual(['added', 'hello']);
  expect(result(await fns.invoke('added', {}, {})).version).toBe(1);
  rmSync(path.join(projectDir, 'cloudfunctions', 'added'), { recursive: true, force: true });
  expect(await fns.invoke('added', {}, {})).toMatchObject({ ok: false, code: 'FUNCTION_NOT_FOUND' });
});

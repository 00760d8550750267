import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PORT, main, parseCliArgs, resetDataDir } from './cli';

describe('parseCliArgs', () => {
  it('defaults to the current folder, <project>/.emulator-data and port 9700', () => {
    expect(parseCliArgs([], '/work/p')).toEqual({
      projectDir: '/work/p',
      dataDir: '/work/p/.emulator-data',
      port: DEFAULT_PORT,
      host: '127.0.0.1',
      envId: undefined,
      appId: undefined,
      reset: false,
      help: false,
    });
    expect(DEFAULT_PORT).toBe(9700);
  });

  it('reads every option, relative to the current folder', () => {
    const o = parseCliArgs(['--project', 'shop', '--data', 'state', '--port', '0', '--host', '0.0.0.0', '--env', 'e1', '--appid', 'wx1', '--reset'], '/w');
    expect(o).toMatchObject({ projectDir: '/w/shop', dataDir: '/w/state', port: 0, host: '0.0.0.0', envId: 'e1', appId: 'wx1', reset: true });
    expect(parseCliArgs(['--project', '/abs/shop'], '/w').dataDir).toBe('/abs/shop/.emulator-data');
  });

  it('rejects bad ports and unknown options', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--nope'])).toThrow();
  });
});

describe('--reset', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'emu-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('wipes the data folder and exits 0', async () => {
    const data = path.join(dir, '.emulator-data');
    mkdirSync(path.join(data, 'db'), { recursive: true });
    writeFileSync(path.join(data, 'db', 'x.json'), '{}');
    const logs: string[] = [];
    const code = await main(['--project', dir, '--reset'], { log: (s) => logs.push(s), error: (s) => logs.push(s) });
    expect(code).toBe(0);
    expect(existsSync(data)).toBe(false);
    expect(existsSync(dir)).toBe(true);
    expect(logs.join('\n')).toContain('deleted');
  });

  it('refuses to delete the project itself or a folder holding it', () => {
    expect(() => resetDataDir({ projectDir: dir, dataDir: dir })).toThrow(/refusing/);
    expect(() => resetDataDir({ projectDir: path.join(dir, 'p'), dataDir: dir })).toThrow(/refusing/);
    expect(existsSync(dir)).toBe(true);
  });
});

describe('bin/cloud-emulator.js', () => {
  it('starts, prints the URL and env, serves functions, and stops cleanly on SIGTERM', async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'emu-cli-run-'));
    try {
      cpSync(path.join(__dirname, 'functions', 'fixtures', 'whoami'), path.join(project, 'cloudfunctions', 'whoami'), { recursive: true });
      const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'cloud-emulator.js'), '--project', project, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
          if (m && out.includes('Press Ctrl-C')) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toContain(`export TCB_CONTEXT_CNFG='{"URL":"${url}/admin"}'`);
      expect(out).toContain("export TENCENTCLOUD='true'");

      const res = await fetch(`${url}/functions/whoami`, { method: 'POST', headers: { 'x-wx-openid': 'cli-user' }, body: '{"data":{}}' });
      const body = (await res.json()) as { result: { before: { OPENID: string } } };
      expect(body.result.before.OPENID).toBe('cli-user');

      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('stopped');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

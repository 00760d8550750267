/**
 * `cloud-emulator`: runs the local CloudBase emulator for a WeChat project until Ctrl-C.
 *
 *   cloud-emulator [--project DIR] [--data DIR] [--port N] [--host H] [--env ID] [--appid ID] [--reset]
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import { sdkEnvironment } from './core/sdk-environment';
import type { EmulatorController } from './controller';

export const DEFAULT_PORT = 9700;

export interface CliOptions {
  projectDir: string;
  dataDir: string;
  port: number;
  host: string;
  envId?: string;
  appId?: string;
  reset: boolean;
  help: boolean;
}

export const USAGE = `Usage: cloud-emulator [options]

Runs a local emulator of WeChat CloudBase (database, functions, storage, openapi, pay, timers)
for the unmodified wx-server-sdk.

Options:
  --project DIR   the WeChat project folder (default: the current folder)
  --data DIR      where state persists (default: <project>/.emulator-data)
  --port N        HTTP port (default: ${DEFAULT_PORT}; 0 picks a free one)
  --host H        address to listen on (default: 127.0.0.1)
  --env ID        the env id functions see as TCB_ENV (default: local)
  --appid ID      the mini-program AppID (default: wx0000000000000000)
  --reset         delete the data folder and exit
  -h, --help      show this help`;

export function parseCliArgs(argv: string[], cwd = process.cwd()): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      project: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      env: { type: 'string' },
      appid: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const projectDir = path.resolve(cwd, values.project ?? '.');
  const dataDir = path.resolve(cwd, values.data ?? path.join(projectDir, '.emulator-data'));
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer 0-65535, got "${values.port}"`);
  return {
    projectDir,
    dataDir,
    port,
    host: values.host ?? '127.0.0.1',
    envId: values.env,
    appId: values.appid,
    reset: values.reset ?? false,
    help: values.help ?? false,
  };
}

/** Deletes the data folder, refusing folders that would take the project (or more) with it. */
export function resetDataDir(opts: Pick<CliOptions, 'projectDir' | 'dataDir'>): boolean {
  const data = path.resolve(opts.dataDir);
  const rel = path.relative(data, path.resolve(opts.projectDir));
  const containsProject = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  if (containsProject || data === path.parse(data).root) {
    throw new Error(`refusing to delete ${data}: it is (or contains) the project folder`);
  }
  if (!existsSync(data)) return false;
  rmSync(data, { recursive: true, force: true });
  return true;
}

function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** What a person (or another process) needs to know once the emulator listens. */
export function startupBanner(emu: EmulatorController, opts: CliOptions): string {
  const ctx = emu.ctx;
  const env = sdkEnvironment(ctx.adminUrl(), { envId: ctx.options.envId });
  const exports = Object.entries(env)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `  export ${k}=${shellQuote(v)}`);
  let functions = 0;
  try {
    functions = ctx.functions().list().length;
  } catch {
    functions = 0;
  }
  return [
    `Cloud emulator listening on ${emu.baseUrl}  (status page: ${emu.baseUrl}/)`,
    `  project    ${opts.projectDir}`,
    `  functions  ${ctx.options.functionsRoot} (${functions} found)`,
    `  data       ${opts.dataDir}`,
    `  SDK URL    ${ctx.adminUrl()}`,
    `  gateway    POST ${emu.baseUrl}/functions/<name>  {"data": ...}`,
    '',
    'Environment for a process that uses wx-server-sdk against this emulator:',
    ...exports,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

/** Runs the CLI; resolves with the exit code (the emulator keeps running until a signal). */
export async function main(argv: string[], io: { log: (s: string) => void; error: (s: string) => void } = console): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    io.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    io.log(USAGE);
    return 0;
  }
  if (opts.reset) {
    try {
      io.log(resetDataDir(opts) ? `deleted ${opts.dataDir}` : `nothing to delete: ${opts.dataDir} does not exist`);
      return 0;
    } catch (e) {
      io.error((e as Error).message);
      return 1;
    }
  }
  const emu = await startEmulator({
    projectDir: opts.projectDir,
    dataDir: opts.dataDir,
    port: opts.port,
    host: opts.host,
    envId: opts.envId,
    appId: opts.appId,
    autoTimers: true,
    quiet: false,
  });
  io.log(startupBanner(emu, opts));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      io.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    io.log(`\n${signal}: stopping (flushing state)…`);
    emu
      .stop()
      .then(() => {
        io.log('stopped');
        process.exit(0);
      })
      .catch((e: unknown) => {
        io.error(`error while stopping: ${(e as Error)?.stack ?? e}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return 0;
}

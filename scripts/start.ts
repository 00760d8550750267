/**
 * `npm start`: the local back end of the demo shop.
 *
 *   1. builds the cloud functions and the mini-program's npm folder (scripts/build.ts), unless --skip-build;
 *   2. starts the CloudBase emulator for this project (127.0.0.1:9700, data in .emulator-data/, timers running);
 *   3. creates every collection (server/lib/collections.ts) and, on the first start only, seeds the demo shop
 *      "开店·Demo 咖啡与烘焙" (scripts/demo-shop.ts) — a second start keeps the data as it is;
 *   4. prints where to look and which demo users to be. Ctrl-C stops it cleanly (state is flushed to disk).
 *
 *   tsx scripts/start.ts [--port N] [--data DIR] [--host H] [--skip-build]
 *
 * `npm run reset` deletes the data folder (the next start seeds again).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/src/index';
import type { EmulatorController } from '../emulator/src/controller';
import { seedOnce, wasSeeded } from '../emulator/src/seed';
import { pointSdkAt } from '../emulator/src/testing';
import type { OrderDoc } from '../typings/shop/order';
import { ensureCollections } from '../server/lib/collections';
import { getDatabase } from '../server/lib/cloud';
import { buildAll } from './build';
import { DEMO_CUSTOMER, DEMO_SEED_KEY, DEMO_STAFF, DEMO_SUB_MCH_ID, demoShop } from './demo-shop';
import { registerDemoPayments } from './demo-shop/payments';

export const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_PORT = 9700;
/** Printed once everything is up (tests wait for it). */
export const READY_LINE = 'Kaidian demo shop ready at';

export interface StartOptions {
  port: number;
  host: string;
  dataDir: string;
  build: boolean;
}

export function parseStartArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      host: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer 0-65535, got "${values.port}"`);
  return {
    port,
    host: values.host ?? '127.0.0.1',
    dataDir: path.resolve(values.data ?? path.join(ROOT, '.emulator-data')),
    build: !values['skip-build'],
  };
}

/** Creates the collections, then seeds the demo once. Answers whether it seeded now. */
export async function prepareDemo(emu: EmulatorController): Promise<{ seeded: boolean; created: string[] }> {
  const restore = pointSdkAt(emu);
  let created: string[];
  try {
    created = await ensureCollections(getDatabase());
  } finally {
    restore();
  }
  if (wasSeeded(emu, DEMO_SEED_KEY)) return { seeded: false, created };
  const shop = demoShop({ now: emu.clock.now(), envId: emu.ctx.options.envId });
  const result = await seedOnce(emu, shop.dataset, { key: DEMO_SEED_KEY });
  if (result.seeded) await registerDemoPayments(emu, shop.dataset.collections.orders as unknown as OrderDoc[], DEMO_SUB_MCH_ID);
  return { seeded: result.seeded, created };
}

export function banner(emu: EmulatorController, seeded: boolean, opts: StartOptions): string {
  return [
    '',
    `${READY_LINE} ${emu.baseUrl}`,
    `  status page   ${emu.baseUrl}/`,
    `  gateway       POST ${emu.baseUrl}/functions/<name>  {"data": {"action", "input"}}  (header x-wx-openid: <openid>)`,
    `  data          ${opts.dataDir}  ${seeded ? '(demo shop seeded now)' : '(existing data kept; npm run reset to start over)'}`,
    '',
    'Demo users (miniprogram/config/env.ts → demoOpenid):',
    `  ${DEMO_CUSTOMER.padEnd(16)} a customer with orders in every state`,
    `  ${DEMO_STAFF.padEnd(16)} the shop owner (staff): open the 商家后台 subpackage to verify pickups, ship, refund`,
    '',
    'Open the repository root in WeChat DevTools (AppID touristappid) — see miniprogram/README.md. Ctrl-C stops.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const opts = parseStartArgs(argv);
  if (opts.build) await buildAll();
  const emu = await startEmulator({
    projectDir: ROOT,
    dataDir: opts.dataDir,
    port: opts.port,
    host: opts.host,
    autoTimers: true,
    quiet: false,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    emu.stop().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        console.error('error while stopping:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const { seeded } = await prepareDemo(emu);
  console.log(banner(emu, seeded, opts));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

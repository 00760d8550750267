/**
 * Shared setup for the database spec files: an emulator running only the database service, on a temp project
 * folder holding the given database.indexes.json, with the real wx-server-sdk in this process pointed at it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EmulatorController, ServiceFactory } from '../controller';
import { pointSdkAt, startTestEmulator, type TestEmulatorOptions } from '../testing';
import { INDEX_FILE, type IndexConfig } from './indexes';
import { DatabaseService, type DatabaseServiceOptions } from './service';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The SDK's database object (untyped: the SDK ships no types). */
export type WxDb = any;

export interface DbTestContext {
  emu: EmulatorController;
  db: WxDb;
  _: any;
  service: DatabaseService;
  projectDir: string;
  stop(): Promise<void>;
}

export function makeProjectDir(indexes: IndexConfig = { collections: {} }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'db-spec-'));
  writeFileSync(path.join(dir, INDEX_FILE), JSON.stringify(indexes));
  return dir;
}

export async function startDbEmulator(
  opts: { indexes?: IndexConfig; db?: DatabaseServiceOptions; extraServices?: ServiceFactory[]; token?: string } & TestEmulatorOptions = {},
): Promise<DbTestContext> {
  const { indexes, db: dbOpts, extraServices, token, ...rest } = opts;
  const projectDir = rest.projectDir ?? makeProjectDir(indexes);
  const emu = await startTestEmulator({
    ...rest,
    projectDir,
    services: [(ctx) => new DatabaseService(ctx, dbOpts), ...(extraServices ?? [])],
  });
  const restore = pointSdkAt(emu, { token });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const db = cloud.database();
  return {
    emu,
    db,
    _: db.command,
    service: emu.service<DatabaseService>('database'),
    projectDir,
    async stop() {
      restore();
      await emu.stop();
      if (!rest.projectDir) rmSync(projectDir, { recursive: true, force: true });
    },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; code?: string; message?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode?: number; errMsg?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Posts a raw TCB action to /admin, as the SDK would. */
export async function postAction(emu: EmulatorController, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(emu.ctx.adminUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ envName: emu.ctx.options.envId, ...body }),
  });
  return (await res.json()) as Record<string, any>;
}

export function ids(res: { data: Array<{ _id: unknown }> }): unknown[] {
  return res.data.map((d) => d._id);
}

/**
 * Jest lifecycle for specs that act on the café catalogue (server/catalogue/__fixtures__/cafe-catalogue.ts): one
 * emulator per spec file, started and seeded before the first test and stopped after the last; for page specs, the
 * pages a test opens are detached after it. Call at the top level of a spec file.
 */
import path from 'node:path';
import type { EmulatorController } from '../emulator/src/controller';
import type { DatabaseService } from '../emulator/src/database';
import { startTestEmulator } from '../emulator/src/testing';
import { seedCafe } from '../server/catalogue/__fixtures__/cafe-catalogue';
import { loadPage, type LoadPageOptions, type PageHandle } from './page-harness';

export interface CafeEmulator {
  /** The running emulator (only inside tests and hooks). */
  readonly emu: EmulatorController;
  /** Its database service, for direct reads and fixtures. */
  readonly db: DatabaseService;
}

export interface CafePages extends CafeEmulator {
  /** Loads a page wired to this emulator; it is detached after the current test. */
  open(pagePath: string, opts: Omit<LoadPageOptions, 'emulator'>): Promise<PageHandle>;
}

export function useCafeEmulator(): CafeEmulator {
  let emu: EmulatorController | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '..') });
    await seedCafe(emu);
  });
  afterAll(async () => {
    await emu?.stop();
  });
  const running = (): EmulatorController => {
    if (!emu) throw new Error('the café emulator runs only inside tests and hooks');
    return emu;
  };
  return {
    get emu() {
      return running();
    },
    get db() {
      return running().service<DatabaseService>('database');
    },
  };
}

export function useCafePages(): CafePages {
  const cafe = useCafeEmulator();
  const opened: PageHandle[] = [];
  afterEach(() => {
    for (const p of opened.splice(0)) p.detach();
  });
  return {
    get emu() {
      return cafe.emu;
    },
    get db() {
      return cafe.db;
    },
    async open(pagePath, opts) {
      const page = await loadPage(pagePath, { ...opts, emulator: cafe.emu });
      opened.push(page);
      return page;
    },
  };
}

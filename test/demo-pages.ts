/**
 * Jest lifecycle for page specs over the demo shop (test/demo-emulator.ts: staff, customers, orders in every state):
 * one emulator per spec file, started and seeded before the first test and stopped after the last; the pages a test
 * opens are detached after it. Call at the top level of a spec file, like useCafePages (test/cafe-emulator.ts).
 */
import type { EmulatorController } from '../emulator/src/controller';
import type { DatabaseService } from '../emulator/src/database';
import type { OrderDoc } from '../typings/shop/order';
import { startDemoEmulator, type DemoEmulator } from './demo-emulator';
import { loadPage, type LoadPageOptions, type PageHandle } from './page-harness';

export interface DemoPages {
  /** The running emulator (only inside tests and hooks). */
  readonly emu: EmulatorController;
  /** Its database service, for direct reads and fixtures. */
  readonly db: DatabaseService;
  /** The seeded demo orders. */
  readonly orders: OrderDoc[];
  /** Loads a page wired to this emulator; it is detached after the current test (an earlier detach is fine). */
  open(pagePath: string, opts: Omit<LoadPageOptions, 'emulator'>): Promise<PageHandle>;
}

/** `history` as startDemoEmulator takes it; `startMs` bounds the start (the 90-day history takes longer). */
export function useDemoPages(opts: { history?: boolean | number; startMs?: number } = {}): DemoPages {
  let demo: DemoEmulator | undefined;
  const opened: PageHandle[] = [];
  beforeAll(async () => {
    demo = await startDemoEmulator({ history: opts.history });
  }, opts.startMs ?? 60_000);
  afterEach(() => {
    for (const p of opened.splice(0)) p.detach();
  });
  afterAll(async () => {
    await demo?.emu.stop();
  });
  const running = (): DemoEmulator => {
    if (!demo) throw new Error('the demo emulator runs only inside tests and hooks');
    return demo;
  };
  return {
    get emu() {
      return running().emu;
    },
    get db() {
      return running().emu.service<DatabaseService>('database');
    },
    get orders() {
      return running().orders;
    },
    async open(pagePath, pageOpts) {
      const page = await loadPage(pagePath, { ...pageOpts, emulator: running().emu });
      const detach = page.detach.bind(page);
      let detached = false;
      page.detach = () => {
        if (detached) return;
        detached = true;
        detach();
      };
      opened.push(page);
      return page;
    },
  };
}

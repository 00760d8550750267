/**
 * DatabaseService: the emulated CloudBase document database (wire actions in handlers.ts).
 *
 * Options (constructor, or environment variables for the CLI):
 *  - autoCreateCollections (CLOUD_EMULATOR_DB_AUTOCREATE=1): default false, like the real cloud, where writing to
 *    or reading from a collection that was never created fails with DATABASE_COLLECTION_NOT_EXIST (-502005).
 *    Collections declared in `<projectDir>/database.indexes.json` always exist.
 *  - transactionTimeoutMs: open transactions expire after this long on the emulator clock (default 30 s).
 *  - fsync (CLOUD_EMULATOR_DB_FSYNC=1): survive power loss too, at a cost per write (see persistence.ts).
 *  - compactAfterBytes: log size that triggers a snapshot (default 8 MiB).
 */
import type { EmulatorContext } from '../core/context';
import type { EmulatorService, StatusSection } from '../core/service';
import { LocalCollection } from './api';
import { Engine } from './engine';
import { collectionExists } from './errors';
import { checkCollectionName, databaseActions, type DbRuntime } from './handlers';
import { loadIndexConfig, type IndexConfig, type IndexSpec } from './indexes';
import { Persistence } from './persistence';
import { databaseStatus } from './status';
import { Store } from './store';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, TransactionManager } from './transactions';

export interface DatabaseServiceOptions {
  autoCreateCollections?: boolean;
  transactionTimeoutMs?: number;
  fsync?: boolean;
  compactAfterBytes?: number;
}

const envFlag = (name: string): boolean | undefined => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  return v === '1' || v.toLowerCase() === 'true';
};

export class DatabaseService implements EmulatorService {
  readonly name = 'database';
  readonly store: Store;
  readonly engine: Engine;
  readonly transactions: TransactionManager;
  readonly autoCreateCollections: boolean;
  private readonly persistence: Persistence | null;
  private config: IndexConfig = { collections: {} };
  private readonly rt: DbRuntime;
  private unsubscribeClock: (() => void) | null = null;

  constructor(
    private readonly ctx: EmulatorContext,
    opts: DatabaseServiceOptions = {},
  ) {
    this.autoCreateCollections = opts.autoCreateCollections ?? envFlag('CLOUD_EMULATOR_DB_AUTOCREATE') ?? false;
    this.store = new Store((c) => this.specsFor(c));
    const dataDir = ctx.options.dataDir;
    this.persistence = dataDir
      ? new Persistence(dataDir, {
          fsync: opts.fsync ?? envFlag('CLOUD_EMULATOR_DB_FSYNC') ?? false,
          compactAfterBytes: opts.compactAfterBytes ?? 8 * 1024 * 1024,
        })
      : null;
    this.engine = new Engine(this.store, this.persistence);
    this.transactions = new TransactionManager(this.store, () => ctx.clock.now(), opts.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS);
    const quota = ctx.quota;
    this.rt = {
      engine: this.engine,
      store: this.store,
      txs: this.transactions,
      now: () => ctx.clock.now(),
      autoCreateCollections: this.autoCreateCollections,
      count: (kind, n, token) => quota.add(kind, n, ctx.invocations().byToken(token)?.id),
    };
  }

  private specsFor(c: string): IndexSpec[] {
    return this.config.collections[c] ?? [];
  }

  actions() {
    return databaseActions(this.rt);
  }

  async start(): Promise<void> {
    this.config = loadIndexConfig(this.ctx.options.projectDir);
    if (this.persistence) {
      const report = this.persistence.open((ops) => this.store.apply(ops));
      const broken = this.store.collections().flatMap((c) => c.indexes.loadViolations());
      if (broken.length) {
        this.persistence.close();
        throw new Error(
          `database: stored data violates unique index ${broken.slice(0, 3).join('; ')} — fix the data or the index file, or reset the emulator`,
        );
      }
      this.ctx.log(
        `database: loaded ${this.store.collections().length} collection(s) from ${this.persistence.dir}` +
          (report.tornBytes ? ` (discarded a torn last log record of ${report.tornBytes} bytes)` : ''),
      );
    }
    this.ensureDeclaredCollections();
    this.unsubscribeClock = this.ctx.clock.onChange(() => this.transactions.sweep());
  }

  async stop(): Promise<void> {
    this.unsubscribeClock?.();
    this.unsubscribeClock = null;
    if (this.persistence) {
      if (this.persistence.hasLog()) this.engine.compact();
      this.persistence.close();
    }
  }

  async reset(): Promise<void> {
    this.transactions.clear();
    this.store.clear();
    this.persistence?.reset();
    this.config = loadIndexConfig(this.ctx.options.projectDir);
    this.ensureDeclaredCollections();
  }

  status(): StatusSection[] {
    return [
      databaseStatus(this.store, {
        openTransactions: this.transactions.openCount(),
        persistence: this.persistence ? `persisted in ${this.persistence.dir}` : 'in memory only',
        autoCreate: this.autoCreateCollections,
      }),
    ];
  }

  private ensureDeclaredCollections(): void {
    const missing = Object.keys(this.config.collections).filter((c) => !this.store.hasCollection(c));
    if (missing.length) this.engine.commit(missing.map((c) => ({ op: 'create' as const, c: checkCollectionName(c) })));
  }

  // ---- in-process API (tests, seeding, benchmarks) ----

  collection(name: string): LocalCollection {
    return new LocalCollection(this.rt, checkCollectionName(name));
  }

  createCollection(name: string): void {
    checkCollectionName(name);
    if (this.store.hasCollection(name)) throw collectionExists(name);
    this.engine.commit([{ op: 'create', c: name }]);
  }

  dropCollection(name: string): void {
    if (this.store.hasCollection(name)) this.engine.commit([{ op: 'drop', c: name }]);
  }

  listCollections(): string[] {
    return this.store
      .collections()
      .map((c) => c.name)
      .sort();
  }
}

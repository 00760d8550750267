/**
 * The single write path: every committed batch (a plain write request or a whole transaction) is checked,
 * logged (when persisting) and only then applied in memory, all synchronously, so concurrent requests never see
 * half a batch and an acknowledged write is on disk.
 */
import type { Persistence } from './persistence';
import type { Store, WriteOp } from './store';

export class Engine {
  constructor(
    readonly store: Store,
    private persistence: Persistence | null,
  ) {}

  setPersistence(p: Persistence | null): void {
    this.persistence = p;
  }

  commit(ops: WriteOp[]): void {
    if (!ops.length) return;
    this.store.validate(ops);
    this.persistence?.append(ops);
    this.store.apply(ops);
    if (this.persistence?.needsCompaction()) this.compact();
  }

  compact(): void {
    this.persistence?.compact(
      this.store.collections().map((c) => ({ name: c.name, docs: (function* () {
        for (const e of c.entries.values()) yield e.doc;
      })() })),
    );
  }
}

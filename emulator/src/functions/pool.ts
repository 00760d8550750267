import type { FunctionDef } from './catalog';
import { FunctionInstance, type InstanceJob, type InstanceOutcome } from './instance';

interface Waiting {
  def: FunctionDef;
  job: InstanceJob;
  resolve: (o: InstanceOutcome) => void;
}

/**
 * The instances of one function, like SCF's concurrency: up to `maxInstances` warm workers, one invocation each at
 * a time; further invocations wait in FIFO order. New code on disk (a new `codeVersion`) retires the old
 * instances as soon as they are idle.
 */
export class FunctionPool {
  private readonly instances: FunctionInstance[] = [];
  private readonly queue: Waiting[] = [];
  private version = -1;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly maxInstances: number,
    private readonly fallbackPaths: string[],
  ) {}

  run(def: FunctionDef, job: InstanceJob): Promise<InstanceOutcome> {
    if (this.stopped) return Promise.resolve({ kind: 'crash', message: 'the emulator is stopping', execMs: 0 });
    if (def.codeVersion !== this.version) {
      this.version = def.codeVersion;
      for (const inst of [...this.instances]) if (!inst.busy) void inst.terminate();
    }
    return new Promise<InstanceOutcome>((resolve) => {
      this.queue.push({ def, job, resolve });
      this.pump();
    });
  }

  stats(): { instances: number; busy: number; queued: number; invocations: number } {
    return {
      instances: this.instances.length,
      busy: this.instances.filter((i) => i.busy).length,
      queued: this.queue.length,
      invocations: this.instances.reduce((n, i) => n + i.invocations, 0),
    };
  }

  /** Retires instances idle for longer than `idleMs`. */
  reapIdle(idleMs: number, now = Date.now()): void {
    for (const inst of [...this.instances]) if (!inst.busy && now - inst.lastUsed > idleMs) void inst.terminate();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.queue.splice(0)) w.resolve({ kind: 'crash', message: 'the emulator is stopping', execMs: 0 });
    await Promise.all([...this.instances].map((i) => i.terminate()));
  }

  private pump(): void {
    while (this.queue.length && !this.stopped) {
      const inst = this.takeIdle() ?? this.spawn();
      if (!inst) return;
      const next = this.queue.shift()!;
      void inst.run(next.job).then((outcome) => {
        if (!inst.dead && inst.codeVersion !== this.version) void inst.terminate();
        next.resolve(outcome);
        this.pump();
      });
    }
  }

  private takeIdle(): FunctionInstance | undefined {
    return this.instances.find((i) => !i.busy && !i.dead && i.codeVersion === this.version);
  }

  private spawn(): FunctionInstance | undefined {
    if (this.instances.length >= this.maxInstances) return undefined;
    const inst = new FunctionInstance(this.name, this.version, this.queue[0].def.entry, this.fallbackPaths, (gone) => {
      const i = this.instances.indexOf(gone);
      if (i >= 0) this.instances.splice(i, 1);
      // A freed slot lets a waiting invocation start on a fresh instance.
      queueMicrotask(() => this.pump());
    });
    this.instances.push(inst);
    return inst;
  }
}

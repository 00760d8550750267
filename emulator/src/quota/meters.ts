/**
 * Quota meters, as the CloudBase console counts them: function calls, database reads and writes
 * (documents and requests), storage and openapi calls — in total and per invocation.
 */
export interface QuotaCounters {
  functionCalls: number;
  dbReadRequests: number;
  dbReadDocs: number;
  dbWriteRequests: number;
  dbWriteDocs: number;
  storageCalls: number;
  openapiCalls: number;
  payCalls: number;
}

export type QuotaKind = keyof QuotaCounters;

export function emptyCounters(): QuotaCounters {
  return {
    functionCalls: 0,
    dbReadRequests: 0,
    dbReadDocs: 0,
    dbWriteRequests: 0,
    dbWriteDocs: 0,
    storageCalls: 0,
    openapiCalls: 0,
    payCalls: 0,
  };
}

const MAX_TRACKED_INVOCATIONS = 5000;

export class QuotaMeters {
  private total = emptyCounters();
  private perInvocation = new Map<string, QuotaCounters>();

  /** Adds `n` to a counter, in total and for the invocation (if the call came from one). */
  add(kind: QuotaKind, n: number, invocationId?: string): void {
    this.total[kind] += n;
    if (invocationId) {
      let c = this.perInvocation.get(invocationId);
      if (!c) {
        c = emptyCounters();
        this.perInvocation.set(invocationId, c);
        if (this.perInvocation.size > MAX_TRACKED_INVOCATIONS) {
          const oldest = this.perInvocation.keys().next().value;
          if (oldest !== undefined) this.perInvocation.delete(oldest);
        }
      }
      c[kind] += n;
    }
  }

  totals(): QuotaCounters {
    return { ...this.total };
  }

  forInvocation(id: string): QuotaCounters {
    return { ...(this.perInvocation.get(id) ?? emptyCounters()) };
  }

  reset(): void {
    this.total = emptyCounters();
    this.perInvocation.clear();
  }
}

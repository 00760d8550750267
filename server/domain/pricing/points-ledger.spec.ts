import fc from 'fast-check';
import type { PointsAccount } from '../../../typings/marketing/points';
import {
  balanceOf,
  earnExpiry,
  earnPoints,
  emptyAccount,
  expirePoints,
  type LedgerResult,
  ledgerProblems,
  refundSpend,
  replayLedger,
  reverseEarn,
  spendable,
  spendPoints,
} from './points-ledger';

const T = 1_750_000_000_000;
const DAY = 86_400_000;

function ok(r: LedgerResult): PointsAccount {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.account;
}

/** earn 100 expiring in 10 days, then 50 that never expire. */
function twoLots(): PointsAccount {
  let a = ok(earnPoints(emptyAccount('o1'), { id: 'e1', points: 100, at: T, reason: '订单1完成', orderNo: 'o-1', expiresAt: T + 10 * DAY }));
  a = ok(earnPoints(a, { id: 'e2', points: 50, at: T + 1, reason: '订单2完成', expiresAt: null }));
  return a;
}

describe('points ledger', () => {
  it('earns lots and spends the one expiring first', () => {
    const a = ok(spendPoints(twoLots(), { id: 's1', points: 120, at: T + 2, reason: '积分抵扣' }));
    expect(a.balance).toBe(30);
    expect(a.entries.at(-1)).toMatchObject({ kind: 'spend', points: -120, moves: [{ lotId: 'e1', points: -100 }, { lotId: 'e2', points: -20 }] });
    expect(a.lots.map((l) => [l.id, l.remaining])).toEqual([['e1', 0], ['e2', 30]]);
    expect(ledgerProblems(a)).toEqual([]);
  });

  it('spends a later-earned lot first when it expires sooner', () => {
    let a = ok(earnPoints(emptyAccount(), { id: 'old', points: 10, at: T, reason: 'x', expiresAt: T + 30 * DAY }));
    a = ok(earnPoints(a, { id: 'new', points: 10, at: T + 1, reason: 'x', expiresAt: T + 5 * DAY }));
    a = ok(spendPoints(a, { id: 's', points: 5, at: T + 2, reason: 'x' }));
    expect(a.lots.find((l) => l.id === 'new')!.remaining).toBe(5);
  });

  it('expires what is left of expired lots, once', () => {
    let a = ok(spendPoints(twoLots(), { id: 's1', points: 30, at: T + 2, reason: 'x' }));
    const { account, entries } = expirePoints(a, T + 10 * DAY);
    expect(entries).toEqual([
      { id: 'expiry:e1', kind: 'expiry', points: -70, at: T + 10 * DAY, reason: '积分过期', refId: 'e1', moves: [{ lotId: 'e1', points: -70 }] },
    ]);
    expect(account.balance).toBe(50);
    expect(expirePoints(account, T + 20 * DAY).entries).toEqual([]);
    a = account;
    expect(ledgerProblems(a)).toEqual([]);
  });

  it('does not spend expired points, even before their expiry entry', () => {
    const a = twoLots();
    expect(spendable(a, T + 10 * DAY)).toBe(50);
    expect(spendPoints(a, { id: 's', points: 60, at: T + 10 * DAY, reason: 'x' })).toMatchObject({ ok: false, code: 'INSUFFICIENT_POINTS' });
  });

  it('reverses an earn from its own lot first, forgiving what was already spent', () => {
    let a = ok(spendPoints(twoLots(), { id: 's1', points: 120, at: T + 2, reason: 'x' })); // e1 0, e2 30
    const r = reverseEarn(a, { id: 'r1', earnId: 'e1', at: T + 3, reason: '订单1退款' });
    a = ok(r);
    expect(a.entries.at(-1)).toMatchObject({ kind: 'earn_reversal', points: -30, requested: 100, refId: 'e1' });
    expect(a.balance).toBe(0);
    expect(reverseEarn(a, { id: 'r2', earnId: 'e1', at: T + 4, reason: 'x' })).toMatchObject({ ok: false, code: 'NOTHING_LEFT' });
    expect(ledgerProblems(a)).toEqual([]);
  });

  it('reverses part of an earn, never more than it gave in total', () => {
    let a = ok(reverseEarn(twoLots(), { id: 'r1', earnId: 'e1', points: 40, at: T + 2, reason: '部分退款' }));
    expect(a.lots.map((l) => l.remaining)).toEqual([60, 50]);
    a = ok(reverseEarn(a, { id: 'r2', earnId: 'e1', points: 500, at: T + 3, reason: 'x' }));
    expect(a.entries.at(-1)).toMatchObject({ points: -60, requested: 60 });
    expect(a.balance).toBe(50);
  });

  it('gives spent points back to their lots, except expired ones', () => {
    let a = ok(spendPoints(twoLots(), { id: 's1', points: 120, at: T + 2, reason: 'x' }));
    a = ok(refundSpend(a, { id: 'b1', spendId: 's1', at: T + 11 * DAY, reason: '订单取消' }));
    expect(a.entries.at(-1)).toMatchObject({ kind: 'spend_refund', points: 20, moves: [{ lotId: 'e2', points: 20 }] });
    expect(refundSpend(a, { id: 'b2', spendId: 's1', at: T + 12 * DAY, reason: 'x' })).toMatchObject({ ok: false, code: 'NOTHING_LEFT' });
    const early = ok(refundSpend(ok(spendPoints(twoLots(), { id: 's1', points: 120, at: T + 2, reason: 'x' })), { id: 'b1', spendId: 's1', points: 110, at: T + 3, reason: 'x' }));
    expect(early.lots.map((l) => l.remaining)).toEqual([100, 40]);
  });

  it('applies an entry id once (retries change nothing)', () => {
    const a = twoLots();
    const again = earnPoints(a, { id: 'e1', points: 999, at: T + 5, reason: 'retry', expiresAt: null });
    expect(again).toMatchObject({ ok: true, duplicate: true, account: a });
  });

  it('refuses bad amounts and unknown or wrong entries with a code', () => {
    const a = twoLots();
    expect(earnPoints(a, { id: 'x', points: 0, at: T, reason: 'x', expiresAt: null })).toMatchObject({ ok: false, code: 'INVALID_POINTS' });
    expect(spendPoints(a, { id: 'x', points: 1.5, at: T, reason: 'x' })).toMatchObject({ ok: false, code: 'INVALID_POINTS' });
    expect(reverseEarn(a, { id: 'x', earnId: 'nope', at: T, reason: 'x' })).toMatchObject({ ok: false, code: 'UNKNOWN_ENTRY' });
    expect(refundSpend(a, { id: 'x', spendId: 'e1', at: T, reason: 'x' })).toMatchObject({ ok: false, code: 'WRONG_ENTRY_KIND' });
  });

  it('computes expiry dates from the earning rule', () => {
    expect(earnExpiry(T, 365)).toBe(T + 365 * DAY);
    expect(earnExpiry(T, null)).toBeNull();
  });

  it('keeps balance = Σ ledger = Σ lots over random earn / spend / reversal / refund / expiry sequences', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('earn' as const), points: fc.integer({ min: 1, max: 500 }), days: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }) }),
      fc.record({ type: fc.constant('spend' as const), points: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 600 })) }),
      fc.record({ type: fc.constant('reverse' as const), pick: fc.nat(), points: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }) }),
      fc.record({ type: fc.constant('refund' as const), pick: fc.nat(), points: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }) }),
      fc.record({ type: fc.constant('expire' as const) }),
      fc.record({ type: fc.constant('retry' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(op, fc.integer({ min: 0, max: 3 * DAY })), { maxLength: 40 }), (ops) => {
        let a = emptyAccount('o1');
        let at = T;
        let n = 0;
        for (const [o, wait] of ops) {
          at += wait;
          const id = `x${n++}`;
          const before = a.balance;
          const ofKind = (k: string) => a.entries.filter((e) => e.kind === k); // reads the current `a`
          let r: LedgerResult | null = null;
          switch (o.type) {
            case 'earn':
              r = earnPoints(a, { id, points: o.points, at, reason: 'earn', expiresAt: o.days === null ? null : at + o.days * DAY });
              expect(r.ok && r.account.balance).toBe(before + o.points);
              break;
            case 'spend':
              r = spendPoints(a, { id, points: o.points, at, reason: 'spend' });
              if (r.ok) expect(r.account.balance).toBe(before - o.points);
              else expect(spendable(a, at)).toBeLessThan(o.points);
              break;
            case 'reverse': {
              const earns = ofKind('earn');
              if (earns.length) r = reverseEarn(a, { id, earnId: earns[o.pick % earns.length].id, at, reason: 'refund', ...(o.points ? { points: o.points } : {}) });
              break;
            }
            case 'refund': {
              const spends = ofKind('spend');
              if (spends.length) r = refundSpend(a, { id, spendId: spends[o.pick % spends.length].id, at, reason: 'cancel', ...(o.points ? { points: o.points } : {}) });
              break;
            }
            case 'expire': {
              a = expirePoints(a, at).account;
              for (const l of a.lots) if (l.expiresAt !== null && l.expiresAt <= at) expect(l.remaining).toBe(0);
              break;
            }
            case 'retry':
              if (a.entries.length) {
                const e = a.entries[o.pick % a.entries.length];
                r = spendPoints(a, { id: e.id, points: 1, at, reason: 'retry' });
                expect(r).toMatchObject({ ok: true, duplicate: true });
              }
              break;
          }
          if (r?.ok) a = r.account;
          expect(ledgerProblems(a)).toEqual([]);
          expect(a.balance).toBe(balanceOf(a.entries));
          expect(a.balance).toBeGreaterThanOrEqual(0);
          // each earn is reversed at most once in full; a lot that has expired holds nothing
          for (const l of a.lots) expect(l.reversed).toBeLessThanOrEqual(l.points);
          for (const e of ofKind('expiry')) expect(a.lots.find((l) => l.id === e.refId)!.remaining).toBe(0);
        }
        const replayed = replayLedger(a.entries, 'o1');
        expect(replayed).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

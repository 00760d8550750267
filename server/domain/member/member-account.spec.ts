/** The member account as pure functions: tiers, progress, and `applyMemberOps` keeping the ledger sound. */
import fc from 'fast-check';
import type { MemberDoc } from '../../../typings/marketing/member';
import { balanceOf, ledgerProblems } from '../pricing/points-ledger';
import { applyMemberOps, emptyMember, type MemberOp, spendableNow, tierFor, tierProgress } from './member-account';
import { DEFAULT_PRICING_RULES } from './pricing-rules';

const DAY = 86_400_000;
const TIERS = [
  { tier: 1 as const, name: '银卡', percentOff: 5, pointsMultiplierPercent: 100, reachPoints: 1000 },
  { tier: 2 as const, name: '金卡', percentOff: 10, pointsMultiplierPercent: 150, reachPoints: 5000, reachSpendFen: 200_000 },
  { tier: 3 as const, name: '黑卡', percentOff: 15, pointsMultiplierPercent: 200, reachSpendFen: 1_000_000 },
];
const RULES = { tiers: TIERS };

describe('tiers', () => {
  it('the highest tier reached by points OR spend', () => {
    expect(tierFor(TIERS, 0, 0)).toBe(0);
    expect(tierFor(TIERS, 999, 0)).toBe(0);
    expect(tierFor(TIERS, 1000, 0)).toBe(1);
    expect(tierFor(TIERS, 1000, 200_000)).toBe(2);
    expect(tierFor(TIERS, 0, 1_000_000)).toBe(3);
    expect(tierFor([], 10_000_000, 10_000_000)).toBe(0);
  });

  it('progress to the next tier takes the better of the two ways; the top tier is 100 %', () => {
    expect(tierProgress(TIERS, { tier: 1, lifetimePoints: 2500, lifetimeSpendFen: 150_000 })).toMatchObject({
      next: { tier: 2 },
      pointsToNext: 2500,
      spendToNextFen: 50_000,
      percent: 75,
    });
    expect(tierProgress(TIERS, { tier: 3, lifetimePoints: 0, lifetimeSpendFen: 0 })).toMatchObject({ next: null, percent: 100 });
    // reaching it exactly is still below 100 until the tier is recomputed
    expect(tierProgress(TIERS, { tier: 0, lifetimePoints: 1000, lifetimeSpendFen: 0 }).percent).toBe(99);
  });
});

describe('applyMemberOps', () => {
  const t0 = 1_700_000_000_000;

  it('earn, spend, refund and reversal: totals and tier follow the ledger; ids make retries no-ops', () => {
    let m: MemberDoc = emptyMember('o1', t0);
    const earn: MemberOp = { kind: 'earn', id: 'earn:A', points: 1200, expiresAt: t0 + 10 * DAY, reason: 'r', orderNo: 'A' };
    const fact: MemberOp = { kind: 'spend_fact', id: 'complete:A', orderNo: 'A', fen: 120_000 };
    let out = applyMemberOps(m, [fact, earn], RULES, t0);
    expect(out.member).toMatchObject({ balance: 1200, lifetimePoints: 1200, lifetimeSpendFen: 120_000, tier: 1, nextExpiryAt: t0 + 10 * DAY });
    m = out.member;
    out = applyMemberOps(m, [fact, earn], RULES, t0 + 1);
    expect(out).toMatchObject({ changed: false, duplicates: ['complete:A', 'earn:A'], written: [] });

    out = applyMemberOps(m, [{ kind: 'spend', id: 'spend:B', points: 2000, reason: 'r' }], RULES, t0);
    expect(out.refused).toEqual([expect.objectContaining({ id: 'spend:B', code: 'INSUFFICIENT_POINTS' })]);
    expect(out.member.balance).toBe(1200);

    m = applyMemberOps(m, [{ kind: 'spend', id: 'spend:B', points: 500, reason: 'r' }], RULES, t0).member;
    m = applyMemberOps(m, [{ kind: 'earn_reversal', id: 'rev:A', earnId: 'earn:A', reason: 'r' }, { kind: 'spend_fact', id: 'refund:A', orderNo: 'A', fen: -120_000 }], RULES, t0).member;
    expect(m).toMatchObject({ balance: 0, lifetimePoints: 500, lifetimeSpendFen: 0, tier: 0 });
    m = applyMemberOps(m, [{ kind: 'spend_refund', id: 'sr:B', spendId: 'spend:B', reason: 'r' }], RULES, t0).member;
    expect(m.balance).toBe(500);
    expect(ledgerProblems({ balance: m.balance, lots: m.lots, entries: m.entries })).toEqual([]);
  });

  it('due lots expire on any write; spendable ignores lots past expiry before that', () => {
    const m = applyMemberOps(emptyMember('o1', t0), [{ kind: 'earn', id: 'e1', points: 100, expiresAt: t0 + DAY, reason: 'r' }], RULES, t0).member;
    expect(spendableNow(m, t0 + 2 * DAY)).toBe(0);
    expect(m.balance).toBe(100);
    const later = applyMemberOps(m, [], RULES, t0 + 2 * DAY);
    expect(later.written).toEqual([expect.objectContaining({ id: 'expiry:e1', kind: 'expiry', points: -100 })]);
    expect(later.member).toMatchObject({ balance: 0, nextExpiryAt: null });
  });

  it('property: any sequence of ops keeps balance = Σ ledger = Σ lots ≥ 0, and re-applying it changes nothing', () => {
    const opArb = fc.oneof(
      fc.record({ kind: fc.constant('earn' as const), n: fc.integer({ min: 0, max: 5 }), points: fc.integer({ min: 1, max: 2000 }), days: fc.option(fc.integer({ min: 1, max: 60 })) }),
      fc.record({ kind: fc.constant('spend' as const), n: fc.integer({ min: 0, max: 5 }), points: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ kind: fc.constant('earn_reversal' as const), n: fc.integer({ min: 0, max: 5 }), points: fc.option(fc.integer({ min: 1, max: 2000 })) }),
      fc.record({ kind: fc.constant('spend_refund' as const), n: fc.integer({ min: 0, max: 5 }), points: fc.option(fc.integer({ min: 1, max: 3000 })) }),
      fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (steps) => {
        let m = emptyMember('o1', t0);
        let now = t0;
        const applied: Array<[MemberOp, number]> = [];
        steps.forEach((s, i) => {
          let op: MemberOp | null = null;
          if (s.kind === 'wait') now += s.days * DAY;
          else if (s.kind === 'earn') op = { kind: 'earn', id: `earn:${s.n}`, points: s.points, expiresAt: s.days === null ? null : now + s.days * DAY, reason: 'r' };
          else if (s.kind === 'spend') op = { kind: 'spend', id: `spend:${s.n}`, points: s.points, reason: 'r' };
          else if (s.kind === 'earn_reversal') op = { kind: 'earn_reversal', id: `rev:${i}`, earnId: `earn:${s.n}`, ...(s.points !== null ? { points: s.points } : {}), reason: 'r' };
          else op = { kind: 'spend_refund', id: `sr:${i}`, spendId: `spend:${s.n}`, ...(s.points !== null ? { points: s.points } : {}), reason: 'r' };
          const out = applyMemberOps(m, op ? [op] : [], DEFAULT_PRICING_RULES, now);
          m = out.member;
          if (op && out.written.some((e) => e.id === op.id)) applied.push([op, now]);
          expect(ledgerProblems({ balance: m.balance, lots: m.lots, entries: m.entries })).toEqual([]);
          expect(m.balance).toBe(balanceOf(m.entries));
          expect(m.balance).toBeGreaterThanOrEqual(0);
        });
        // a retry of every op that was written (same ids) writes nothing new but expiries
        const before = m.entries.filter((e) => e.kind !== 'expiry').length;
        for (const [op] of applied) m = applyMemberOps(m, [op], DEFAULT_PRICING_RULES, now).member;
        expect(m.entries.filter((e) => e.kind !== 'expiry').length).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});

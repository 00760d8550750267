/**
 * Test set-up shared by the member specs: the pricing rules of the test shop, settings carrying them, seeded
 * member accounts (built with the real pure ledger, so they are sound), and the ledger invariants every test checks
 * on a stored account.
 */
import type { MemberDoc } from '../../typings/marketing/member';
import type { ShopPricingRules } from '../../typings/marketing/pricing';
import { applyMemberOps, emptyMember } from '../domain/member/member-account';
import { balanceOf, ledgerProblems, replayLedger } from '../domain/pricing/points-ledger';
import { DEFAULT_SETTINGS, type OrderTestEnv } from '../orders/test-support';

export const RULES: ShopPricingRules = {
  tiers: [
    { tier: 1, name: '银卡', percentOff: 5, pointsMultiplierPercent: 100, reachPoints: 1000 },
    { tier: 2, name: '金卡', percentOff: 10, pointsMultiplierPercent: 150, reachPoints: 5000, reachSpendFen: 200_000 },
    { tier: 3, name: '黑卡', percentOff: 15, pointsMultiplierPercent: 200, reachSpendFen: 1_000_000 },
  ],
  points: {
    deduction: { enabled: true, pointsPerYuan: 100, maxPercentOfOrder: 50 },
    earning: { pointsPerYuan: 1, expiresAfterDays: 365 },
  },
  lineFloorPercent: 0,
};

export const MEMBER_SETTINGS = { ...DEFAULT_SETTINGS, pricing: RULES };

/** An account that earned `points` (one lot, expiring per RULES) at `at`; its tier follows from the points. */
export function memberWithPoints(openid: string, points: number, at: number, rules: ShopPricingRules = RULES): MemberDoc {
  const out = applyMemberOps(
    emptyMember(openid, at),
    [{ kind: 'earn', id: 'earn:seed', points, expiresAt: at + 365 * 86_400_000, reason: '开卡赠送' }],
    rules,
    at,
  );
  return out.member;
}

export function seedMember(env: OrderTestEnv, member: MemberDoc): void {
  env.coll('members').removeMany({ _id: member._id });
  env.coll('members').insertOne(member as unknown as Record<string, unknown>);
}

export function storedMember(env: OrderTestEnv, openid: string): MemberDoc | undefined {
  return (env.coll('members').byId(openid) ?? undefined) as unknown as MemberDoc | undefined;
}

/** The stored account's invariants: balance = Σ ledger = Σ lots ≥ 0, replayable, no duplicate ids. */
export function expectSound(member: MemberDoc | undefined): void {
  if (!member) return;
  expect(member.balance).toBe(balanceOf(member.entries));
  expect(member.balance).toBeGreaterThanOrEqual(0);
  expect(ledgerProblems({ balance: member.balance, lots: member.lots, entries: member.entries })).toEqual([]);
  const replayed = replayLedger(member.entries);
  expect(replayed.balance).toBe(member.balance);
  expect(replayed.lots).toEqual(member.lots);
}

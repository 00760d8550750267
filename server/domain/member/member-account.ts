/**
 * A customer's member account (`members/<openid>`, typings/marketing/member.ts MemberDoc) as pure functions: the
 * empty account, the tier its totals reach, progress to the next tier, and `applyMemberOps` — the ONE way an
 * account changes: ledger operations (points-ledger.ts decides each) plus spend facts, then every derived field
 * (balance, lifetime totals, tier, next expiry) recomputed from the arrays. Due lots are expired first, so an
 * account written by any operation never holds expired points.
 */
import type { MemberDoc, MemberTier, MemberTierDef, PaidTier, SpendFact } from '../../../typings/marketing/member';
import type { PointsAccount, PointsEntry } from '../../../typings/marketing/points';
import type { ShopPricingRules } from '../../../typings/marketing/pricing';
import type { EpochMs, Fen } from '../../../typings/shop/common';
import {
  balanceOf,
  earnPoints,
  expirePoints,
  type LedgerErrorCode,
  type LedgerResult,
  refundSpend,
  reverseEarn,
  spendable,
  spendPoints,
} from '../pricing/points-ledger';

export function emptyMember(openid: string, now: EpochMs): MemberDoc {
  return {
    _id: openid,
    tier: 0,
    lifetimePoints: 0,
    lifetimeSpendFen: 0,
    balance: 0,
    lots: [],
    entries: [],
    spendFacts: [],
    nextExpiryAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function accountOf(member: MemberDoc): PointsAccount {
  return { openid: member._id, balance: member.balance, lots: member.lots, entries: member.entries };
}

/** Points the customer may spend now (live lots; lots past expiry wait for their expiry entry). */
export function spendableNow(member: MemberDoc, now: EpochMs): number {
  return spendable(accountOf(member), now);
}

/** The highest defined tier reached by lifetime points OR lifetime spend (0 = none). */
export function tierFor(tiers: readonly MemberTierDef[], lifetimePoints: number, lifetimeSpendFen: Fen): MemberTier {
  let best: MemberTier = 0;
  for (const t of tiers) {
    const byPoints = t.reachPoints !== undefined && lifetimePoints >= t.reachPoints;
    const bySpend = t.reachSpendFen !== undefined && lifetimeSpendFen >= t.reachSpendFen;
    if ((byPoints || bySpend) && t.tier > best) best = t.tier;
  }
  return best;
}

export interface TierProgress {
  /** The next defined tier above the current one (null at the top). */
  next: MemberTierDef | null;
  /** Lifetime points still missing for it (null: not reachable by points). */
  pointsToNext: number | null;
  /** Lifetime spend still missing for it (null: not reachable by spend). */
  spendToNextFen: Fen | null;
  /** 0–100: the better of the two ways, for a progress bar (100 at the top). */
  percent: number;
}

export function tierProgress(tiers: readonly MemberTierDef[], member: Pick<MemberDoc, 'tier' | 'lifetimePoints' | 'lifetimeSpendFen'>): TierProgress {
  const next = [...tiers].sort((a, b) => a.tier - b.tier).find((t) => t.tier > member.tier) ?? null;
  if (!next) return { next: null, pointsToNext: null, spendToNextFen: null, percent: 100 };
  const ratio = (have: number, need: number | undefined) => (need === undefined ? 0 : need === 0 ? 1 : Math.min(1, have / need));
  const percent = Math.floor(100 * Math.max(ratio(member.lifetimePoints, next.reachPoints), ratio(member.lifetimeSpendFen, next.reachSpendFen)));
  return {
    next,
    pointsToNext: next.reachPoints === undefined ? null : Math.max(0, next.reachPoints - member.lifetimePoints),
    spendToNextFen: next.reachSpendFen === undefined ? null : Math.max(0, next.reachSpendFen - member.lifetimeSpendFen),
    percent: Math.min(99, percent),
  };
}

/** One change of an account. Ids are idempotency keys: an op whose id is already recorded changes nothing. */
export type MemberOp =
  | { kind: 'earn'; id: string; points: number; expiresAt: EpochMs | null; reason: string; orderNo?: string }
  | { kind: 'spend'; id: string; points: number; reason: string; orderNo?: string }
  | { kind: 'earn_reversal'; id: string; earnId: string; points?: number; reason: string; orderNo?: string }
  | { kind: 'spend_refund'; id: string; spendId: string; points?: number; reason: string; orderNo?: string }
  | { kind: 'spend_fact'; id: string; orderNo: string; fen: Fen };

export interface OpsOutcome {
  member: MemberDoc;
  /** Ledger entries written by this call (expiry entries included). */
  written: PointsEntry[];
  /** Ops that had already been applied (retries). */
  duplicates: string[];
  /** Ops the ledger refused (e.g. INSUFFICIENT_POINTS, NOTHING_LEFT), in op order. */
  refused: { id: string; code: LedgerErrorCode; message: string }[];
  /** Something changed: the account must be written. */
  changed: boolean;
}

function ledgerStep(account: PointsAccount, op: Exclude<MemberOp, { kind: 'spend_fact' }>, at: EpochMs): LedgerResult {
  const base = { id: op.id, at, reason: op.reason, ...(op.orderNo !== undefined ? { orderNo: op.orderNo } : {}) };
  switch (op.kind) {
    case 'earn':
      return earnPoints(account, { ...base, points: op.points, expiresAt: op.expiresAt });
    case 'spend':
      return spendPoints(account, { ...base, points: op.points });
    case 'earn_reversal':
      return reverseEarn(account, { ...base, earnId: op.earnId, ...(op.points !== undefined ? { points: op.points } : {}) });
    case 'spend_refund':
      return refundSpend(account, { ...base, spendId: op.spendId, ...(op.points !== undefined ? { points: op.points } : {}) });
  }
}

/** Recomputes every derived field of an account from its arrays. */
export function settle(member: MemberDoc, rules: Pick<ShopPricingRules, 'tiers'>, now: EpochMs): MemberDoc {
  const lifetimePoints = member.entries.reduce((a, e) => (e.kind === 'earn' || e.kind === 'earn_reversal' ? a + e.points : a), 0);
  const lifetimeSpendFen = Math.max(0, member.spendFacts.reduce((a, f) => a + f.fen, 0));
  const expiries = member.lots.filter((l) => l.remaining > 0 && l.expiresAt !== null).map((l) => l.expiresAt as number);
  return {
    ...member,
    balance: balanceOf(member.entries),
    lifetimePoints,
    lifetimeSpendFen,
    tier: tierFor(rules.tiers, lifetimePoints, lifetimeSpendFen),
    nextExpiryAt: expiries.length ? Math.min(...expiries) : null,
    updatedAt: now,
  };
}

/** Applies the ops in order (after expiring due lots) and settles the account. */
export function applyMemberOps(member: MemberDoc, ops: readonly MemberOp[], rules: Pick<ShopPricingRules, 'tiers'>, now: EpochMs): OpsOutcome {
  const expired = expirePoints(accountOf(member), now);
  let account = expired.account;
  const written: PointsEntry[] = [...expired.entries];
  const duplicates: string[] = [];
  const refused: OpsOutcome['refused'] = [];
  const facts: SpendFact[] = [...member.spendFacts];
  for (const op of ops) {
    if (op.kind === 'spend_fact') {
      if (facts.some((f) => f.id === op.id)) duplicates.push(op.id);
      else facts.push({ id: op.id, orderNo: op.orderNo, fen: op.fen, at: now });
      continue;
    }
    const r = ledgerStep(account, op, now);
    if (!r.ok) refused.push({ id: op.id, code: r.code, message: r.message });
    else if (r.duplicate) duplicates.push(op.id);
    else {
      account = r.account;
      written.push(r.entry);
    }
  }
  const factsChanged = facts.length !== member.spendFacts.length;
  const next = settle({ ...member, lots: account.lots, entries: account.entries, spendFacts: facts }, rules, now);
  const changed =
    written.length > 0 ||
    factsChanged ||
    next.tier !== member.tier ||
    next.balance !== member.balance ||
    next.nextExpiryAt !== member.nextExpiryAt ||
    next.lifetimePoints !== member.lifetimePoints ||
    next.lifetimeSpendFen !== member.lifetimeSpendFen;
  return { member: next, written, duplicates, refused, changed };
}

/** The tier definition of a tier (undefined for 0 or an undefined tier). */
export function definitionOf(tiers: readonly MemberTierDef[], tier: MemberTier): MemberTierDef | undefined {
  return tier === 0 ? undefined : tiers.find((t) => t.tier === (tier as PaidTier));
}

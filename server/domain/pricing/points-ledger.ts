/**
 * The points ledger, as pure functions. Every change of a customer's points is one entry with a reason; the
 * account (balance + lots) is derived from the entries, so:
 *
 *   balance = Σ entries.points = Σ lots.remaining ≥ 0        (checked by ledgerProblems)
 *
 * Lots: each `earn` creates a lot (expiring or not). Points leave lots oldest first: soonest expiry first (never-
 * expiring lots last), then earliest earned, then id. `expire` writes one `expiry` entry per lot that has expired
 * with points left. An `earn_reversal` (the earning order was refunded) takes the points back from that earn's lot
 * first, then from the others oldest first; if the customer has already spent them and the balance is short, it
 * takes what there is (the shortfall is forgiven, never a negative balance). A `spend_refund` puts spent points back
 * into the lots they came from, except lots that have expired by then.
 *
 * Entry ids are idempotency keys: applying an entry whose id is already in the ledger changes nothing and answers
 * `duplicate: true` (a retried handler writes nothing twice).
 */
import type { PointsAccount, PointsEntry, PointsLot, PointsLotMove } from '../../../typings/marketing/points';
import type { EpochMs } from '../../../typings/shop/common';

export type LedgerErrorCode = 'INVALID_POINTS' | 'INSUFFICIENT_POINTS' | 'UNKNOWN_ENTRY' | 'WRONG_ENTRY_KIND' | 'NOTHING_LEFT';

export type LedgerResult =
  | { ok: true; account: PointsAccount; entry: PointsEntry; duplicate: boolean }
  | { ok: false; code: LedgerErrorCode; message: string };

export function emptyAccount(openid?: string): PointsAccount {
  return { ...(openid !== undefined ? { openid } : {}), balance: 0, lots: [], entries: [] };
}

/** Σ points of the entries. */
export function balanceOf(entries: readonly Pick<PointsEntry, 'points'>[]): number {
  return entries.reduce((a, e) => a + e.points, 0);
}

/** Lots in the order points leave them: soonest expiry (null last), then earliest earned, then id. */
export function consumptionOrder(lots: readonly PointsLot[]): PointsLot[] {
  const exp = (l: PointsLot) => (l.expiresAt === null ? Infinity : l.expiresAt);
  return [...lots].sort((a, b) => exp(a) - exp(b) || a.earnedAt - b.earnedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A lot is live at `at` when it does not expire or expires after `at`. */
export function isLive(lot: Pick<PointsLot, 'expiresAt'>, at: EpochMs): boolean {
  return lot.expiresAt === null || lot.expiresAt > at;
}

/** Points that may be spent at `at` (live lots only; expired lots wait for their expiry entry). */
export function spendable(account: PointsAccount, at: EpochMs): number {
  return account.lots.filter((l) => isLive(l, at)).reduce((a, l) => a + l.remaining, 0);
}

/** Applies an entry's moves to the lots (creating the lot of an earn). Throws on a move that breaks a lot. */
function withEntry(account: PointsAccount, entry: PointsEntry): PointsAccount {
  const lots = account.lots.map((l) => ({ ...l }));
  if (entry.kind === 'earn') {
    lots.push({ id: entry.id, earnedAt: entry.at, expiresAt: entry.expiresAt ?? null, points: entry.points, remaining: 0, reversed: 0 });
  }
  for (const m of entry.moves) {
    const lot = lots.find((l) => l.id === m.lotId);
    if (!lot) throw new RangeError(`entry ${entry.id} moves points of unknown lot ${m.lotId}`);
    lot.remaining += m.points;
    if (lot.remaining < 0) throw new RangeError(`entry ${entry.id} takes more than lot ${m.lotId} holds`);
  }
  if (entry.kind === 'earn_reversal' && entry.refId !== undefined) {
    const lot = lots.find((l) => l.id === entry.refId);
    if (lot) lot.reversed += entry.requested ?? -entry.points;
  }
  return { ...account, balance: account.balance + entry.points, lots, entries: [...account.entries, entry] };
}

/** Rebuilds an account from its entries (in order). Throws when an entry is inconsistent. */
export function replayLedger(entries: readonly PointsEntry[], openid?: string): PointsAccount {
  return entries.reduce((acc, e) => {
    const moved = e.moves.reduce((a, m) => a + m.points, 0);
    if (moved !== e.points) throw new RangeError(`entry ${e.id}: moves sum to ${moved}, points is ${e.points}`);
    return withEntry(acc, e);
  }, emptyAccount(openid));
}

/** Every broken invariant of an account (empty when sound). */
export function ledgerProblems(account: PointsAccount): string[] {
  const problems: string[] = [];
  const sum = balanceOf(account.entries);
  const lots = account.lots.reduce((a, l) => a + l.remaining, 0);
  if (account.balance !== sum) problems.push(`balance ${account.balance} ≠ Σ entries ${sum}`);
  if (account.balance !== lots) problems.push(`balance ${account.balance} ≠ Σ lots ${lots}`);
  if (account.balance < 0) problems.push(`negative balance ${account.balance}`);
  const ids = new Set<string>();
  for (const e of account.entries) {
    if (ids.has(e.id)) problems.push(`duplicate entry id ${e.id}`);
    ids.add(e.id);
    if (balanceOf(e.moves) !== e.points) problems.push(`entry ${e.id}: moves ≠ points`);
  }
  for (const l of account.lots) if (l.remaining < 0) problems.push(`lot ${l.id} below 0`);
  return problems;
}

interface EntryBase {
  id: string;
  at: EpochMs;
  reason: string;
  orderNo?: string;
}

const fail = (code: LedgerErrorCode, message: string): LedgerResult => ({ ok: false, code, message });

function existing(account: PointsAccount, id: string): LedgerResult | null {
  const entry = account.entries.find((e) => e.id === id);
  return entry ? { ok: true, account, entry, duplicate: true } : null;
}

function commit(account: PointsAccount, entry: PointsEntry): LedgerResult {
  return { ok: true, account: withEntry(account, entry), entry, duplicate: false };
}

function positive(points: number): boolean {
  return Number.isSafeInteger(points) && points > 0;
}

function base(e: EntryBase): Pick<PointsEntry, 'id' | 'at' | 'reason' | 'orderNo'> {
  return { id: e.id, at: e.at, reason: e.reason, ...(e.orderNo !== undefined ? { orderNo: e.orderNo } : {}) };
}

/** Takes up to `points` from the given lots in order; returns the (negative) moves. */
function takeFrom(lots: readonly PointsLot[], points: number): PointsLotMove[] {
  const moves: PointsLotMove[] = [];
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (take > 0) {
      moves.push({ lotId: lot.id, points: -take });
      left -= take;
    }
  }
  return moves;
}

/** Adds `points` (> 0) as a new lot expiring at `expiresAt` (null = never). */
export function earnPoints(account: PointsAccount, e: EntryBase & { points: number; expiresAt: EpochMs | null }): LedgerResult {
  const dup = existing(account, e.id);
  if (dup) return dup;
  if (!positive(e.points)) return fail('INVALID_POINTS', 'earned points must be an integer > 0');
  return commit(account, { ...base(e), kind: 'earn', points: e.points, expiresAt: e.expiresAt, moves: [{ lotId: e.id, points: e.points }] });
}

/** Spends `points` (> 0) from live lots, oldest first. INSUFFICIENT_POINTS when live lots hold fewer. */
export function spendPoints(account: PointsAccount, e: EntryBase & { points: number }): LedgerResult {
  const dup = existing(account, e.id);
  if (dup) return dup;
  if (!positive(e.points)) return fail('INVALID_POINTS', 'spent points must be an integer > 0');
  const available = spendable(account, e.at);
  if (available < e.points) return fail('INSUFFICIENT_POINTS', `${e.points} points asked, ${available} spendable`);
  const moves = takeFrom(consumptionOrder(account.lots.filter((l) => isLive(l, e.at))), e.points);
  return commit(account, { ...base(e), kind: 'spend', points: -e.points, moves });
}

/**
 * Takes back points of an earn (its order was refunded): `points` (default: all of the earn not yet reversed), at
 * most what is not yet reversed; from the earn's lot first, then the other lots oldest first; at most the balance.
 */
export function reverseEarn(account: PointsAccount, e: EntryBase & { earnId: string; points?: number }): LedgerResult {
  const dup = existing(account, e.id);
  if (dup) return dup;
  const earn = account.entries.find((x) => x.id === e.earnId);
  if (!earn) return fail('UNKNOWN_ENTRY', `no entry ${e.earnId}`);
  if (earn.kind !== 'earn') return fail('WRONG_ENTRY_KIND', `${e.earnId} is not an earn`);
  const lot = account.lots.find((l) => l.id === e.earnId)!;
  const left = lot.points - lot.reversed;
  if (e.points !== undefined && !positive(e.points)) return fail('INVALID_POINTS', 'reversed points must be an integer > 0');
  if (left === 0) return fail('NOTHING_LEFT', `earn ${e.earnId} is fully reversed`);
  const requested = e.points ?? left;
  const asked = Math.min(requested, left);
  const order = [lot, ...consumptionOrder(account.lots.filter((l) => l.id !== lot.id))];
  const moves = takeFrom(order, Math.min(asked, account.balance));
  return commit(account, {
    ...base(e),
    kind: 'earn_reversal',
    points: balanceOf(moves),
    requested: asked,
    refId: e.earnId,
    moves,
  });
}

/**
 * Gives back points of a spend (its order was refunded or cancelled): `points` (default: all not yet given back),
 * into the lots they were taken from, in the spend's order; points of lots that have expired at `at` are not given
 * back. NOTHING_LEFT when nothing can be given back.
 */
export function refundSpend(account: PointsAccount, e: EntryBase & { spendId: string; points?: number }): LedgerResult {
  const dup = existing(account, e.id);
  if (dup) return dup;
  const spend = account.entries.find((x) => x.id === e.spendId);
  if (!spend) return fail('UNKNOWN_ENTRY', `no entry ${e.spendId}`);
  if (spend.kind !== 'spend') return fail('WRONG_ENTRY_KIND', `${e.spendId} is not a spend`);
  if (e.points !== undefined && !positive(e.points)) return fail('INVALID_POINTS', 'refunded points must be an integer > 0');
  // What each lot has already had back from this spend.
  const back = new Map<string, number>();
  for (const r of account.entries) {
    if (r.kind !== 'spend_refund' || r.refId !== e.spendId) continue;
    for (const m of r.moves) back.set(m.lotId, (back.get(m.lotId) ?? 0) + m.points);
  }
  let budget = e.points ?? Infinity;
  const moves: PointsLotMove[] = [];
  for (const m of spend.moves) {
    const lot = account.lots.find((l) => l.id === m.lotId)!;
    const open = -m.points - (back.get(m.lotId) ?? 0);
    if (open <= 0 || !isLive(lot, e.at) || budget === 0) continue;
    const give = Math.min(open, budget);
    moves.push({ lotId: m.lotId, points: give });
    budget -= give;
  }
  if (moves.length === 0) return fail('NOTHING_LEFT', `nothing of ${e.spendId} can be given back`);
  return commit(account, { ...base(e), kind: 'spend_refund', points: balanceOf(moves), refId: e.spendId, moves });
}

/**
 * Expires every lot whose expiresAt ≤ now and that still holds points: one `expiry` entry per lot, with id
 * `idOf(lotId)` (deterministic, e.g. `expiry:<lotId>`, so a re-run writes nothing twice). Returns the new account
 * and the entries written.
 */
export function expirePoints(
  account: PointsAccount,
  now: EpochMs,
  idOf: (lotId: string) => string = (lotId) => `expiry:${lotId}`,
): { account: PointsAccount; entries: PointsEntry[] } {
  let acc = account;
  const entries: PointsEntry[] = [];
  for (const lot of consumptionOrder(account.lots)) {
    if (isLive(lot, now) || lot.remaining === 0) continue;
    const id = idOf(lot.id);
    if (acc.entries.some((x) => x.id === id)) continue;
    const entry: PointsEntry = {
      id,
      kind: 'expiry',
      points: -lot.remaining,
      at: now,
      reason: '积分过期',
      refId: lot.id,
      moves: [{ lotId: lot.id, points: -lot.remaining }],
    };
    acc = withEntry(acc, entry);
    entries.push(entry);
  }
  return { account: acc, entries };
}

/** When points earned at `at` expire under an earning rule (null = never). */
export function earnExpiry(at: EpochMs, expiresAfterDays: number | null): EpochMs | null {
  return expiresAfterDays === null ? null : at + expiresAfterDays * 86_400_000;
}

/**
 * The state of a cart while discounts are stacked (see stacking.ts): what each line still pays, the part of it still
 * open to later discounts, the threshold base, and the discounts applied so far. States are immutable: every
 * `apply…` returns a new one.
 */
import type { AppliedDiscount, DiscountKind, PricingLine } from '../../../typings/marketing/pricing';
import type { PaidTier } from '../../../typings/marketing/member';
import type { Fen } from '../../../typings/shop/common';
import { spread } from './largest-remainder';

/** A cart line with its derived amounts. */
export interface LineFacts {
  index: number;
  skuId: string;
  goodsId: string;
  categoryId: string;
  unitPriceFen: Fen;
  quantity: number;
  lineTotalFen: Fen;
  floorFen: Fen;
  minTier?: PaidTier;
  noMemberDiscount: boolean;
}

export interface CartState {
  readonly facts: readonly LineFacts[];
  /** The goods total may not go below this (1 when the goods amount is ≥ 1, else 0). */
  readonly orderMinFen: Fen;
  /** What each line pays now. */
  readonly pay: readonly Fen[];
  /** The part of pay later discounts may take from (pay minus the fixed new-user unit). open ≤ pay. */
  readonly open: readonly Fen[];
  /** Threshold base per line: `open` as it was when step 1 ended (step-1 discounts keep it equal to open). */
  readonly base: readonly Fen[];
  readonly applied: readonly AppliedDiscount[];
}

/** min(lineTotal, max(floorUnit × quantity, ⌈lineTotal × percent / 100⌉)). */
export function lineFloorFen(lineTotalFen: Fen, quantity: number, floorUnitFen: Fen, floorPercent: number): Fen {
  const byUnit = floorUnitFen * quantity;
  const byPercent = Math.ceil((lineTotalFen * floorPercent) / 100);
  return Math.min(lineTotalFen, Math.max(byUnit, byPercent));
}

export function lineFacts(lines: readonly PricingLine[], floorPercent: number): LineFacts[] {
  return lines.map((l, index) => {
    const lineTotalFen = l.unitPriceFen * l.quantity;
    return {
      index,
      skuId: l.skuId,
      goodsId: l.goodsId,
      categoryId: l.categoryId,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      lineTotalFen,
      floorFen: lineFloorFen(lineTotalFen, l.quantity, l.floorUnitFen ?? 0, floorPercent),
      ...(l.minTier ? { minTier: l.minTier } : {}),
      noMemberDiscount: l.noMemberDiscount === true,
    };
  });
}

export function initialState(facts: readonly LineFacts[]): CartState {
  const totals = facts.map((f) => f.lineTotalFen);
  const goods = totals.reduce((a, b) => a + b, 0);
  return { facts, orderMinFen: goods > 0 ? 1 : 0, pay: totals, open: totals, base: totals, applied: [] };
}

/** What line i may still lose: min(open, pay − floor), never negative. */
export function headroomOf(state: CartState, i: number): Fen {
  return Math.max(0, Math.min(state.open[i], state.pay[i] - state.facts[i].floorFen));
}

// States are immutable, so derived values are memoised per state object (a cache, not a behaviour).
const headroomCache = new WeakMap<CartState, readonly Fen[]>();
const totalCache = new WeakMap<CartState, Fen>();

/** headroomOf for every line. */
export function headrooms(state: CartState): readonly Fen[] {
  let h = headroomCache.get(state);
  if (!h) {
    h = state.facts.map((_, i) => headroomOf(state, i));
    headroomCache.set(state, h);
  }
  return h;
}

export function payTotal(state: CartState): Fen {
  let t = totalCache.get(state);
  if (t === undefined) {
    t = 0;
    for (const p of state.pay) t += p;
    totalCache.set(state, t);
  }
  return t;
}

/** What the whole order may still lose: Σpay − orderMin. */
export function orderHeadroom(state: CartState): Fen {
  return Math.max(0, payTotal(state) - state.orderMinFen);
}

/** Sums over some lines. */
export interface ScopeSums {
  lines: number;
  baseFen: Fen;
  openFen: Fen;
  headroomFen: Fen;
}

/** Sums over the lines with the given indices (all lines when omitted). */
export function scopeSums(state: CartState, indices?: readonly number[]): ScopeSums {
  const h = headrooms(state);
  const n = indices ? indices.length : state.facts.length;
  let baseFen = 0;
  let openFen = 0;
  let headroomFen = 0;
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k] : k;
    baseFen += state.base[i];
    openFen += state.open[i];
    headroomFen += h[i];
  }
  return { lines: n, baseFen, openFen, headroomFen };
}

export interface DiscountLabel {
  kind: DiscountKind;
  sourceId: string;
  step: number;
  reason: string;
}

/**
 * Records a discount with the given per-line shares (each ≤ the line's headroom; checked). Step-1 discounts also
 * lower the threshold base. A discount whose shares sum to 0 is not recorded.
 */
export function applyShares(state: CartState, label: DiscountLabel, shares: readonly Fen[]): CartState {
  const amountFen = shares.reduce((a, b) => a + b, 0);
  if (amountFen === 0) return state;
  shares.forEach((s, i) => {
    if (!Number.isSafeInteger(s) || s < 0 || s > headroomOf(state, i)) {
      throw new RangeError(`${label.kind} share ${s} of line ${i} exceeds its headroom ${headroomOf(state, i)}`);
    }
  });
  if (amountFen > orderHeadroom(state)) throw new RangeError(`${label.kind} ${amountFen} exceeds the order headroom`);
  const pay = state.pay.map((p, i) => p - shares[i]);
  const open = state.open.map((o, i) => o - shares[i]);
  const base = label.step === 1 ? state.base.map((b, i) => b - shares[i]) : state.base;
  return { ...state, pay, open, base, applied: [...state.applied, { ...label, amountFen, lineShares: [...shares] }] };
}

/**
 * Spreads `amountFen` over the lines with the given indices (all when omitted) by largest remainder, weighted by
 * each line's headroom (so no share exceeds it). `amountFen` must not exceed their headroom nor the order headroom.
 */
export function spreadOver(state: CartState, amountFen: Fen, indices?: readonly number[]): Fen[] {
  const h = headrooms(state);
  const weights = indices ? state.facts.map(() => 0) : [...h];
  if (indices) for (const i of indices) weights[i] = h[i];
  if (amountFen === 0) return weights.map(() => 0);
  if (weights.length === 0) throw new RangeError('nothing to spread over');
  return spread(amountFen, weights);
}

/** Caps per-line amounts at each line's headroom, then takes any excess over the order headroom off the last lines. */
export function capShares(state: CartState, wanted: readonly Fen[]): Fen[] {
  const shares = wanted.map((w, i) => Math.min(w, headroomOf(state, i)));
  let excess = shares.reduce((a, b) => a + b, 0) - orderHeadroom(state);
  for (let i = shares.length - 1; i >= 0 && excess > 0; i--) {
    const cut = Math.min(shares[i], excess);
    shares[i] -= cut;
    excess -= cut;
  }
  return shares;
}

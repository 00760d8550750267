/**
 * Step 1 of the stacking table: prices of units. The new-user price (one unit of one line) first, then the member
 * price on every unit that is not at the new-user price.
 */
import type { MemberTierDef } from '../../../typings/marketing/member';
import type { NewUserOffer } from '../../../typings/marketing/promotion';
import type { EpochMs, Fen } from '../../../typings/shop/common';
import { applyShares, capShares, type CartState, type LineFacts, orderHeadroom } from './cart-state';
import { windowCode } from './eligibility';
import { yuanText, zheText } from './texts';

export interface NewUserCandidate {
  lineIndex: number;
  offerId: string;
  priceFen: Fen;
}

/** The new-user price of a line in one offer: a SKU-level item wins over a goods-level one; lowest if several. */
export function offerPrice(offer: NewUserOffer, line: Pick<LineFacts, 'goodsId' | 'skuId'>): Fen | undefined {
  const forSku = offer.items.filter((it) => it.goodsId === line.goodsId && it.skuId === line.skuId);
  const forGoods = offer.items.filter((it) => it.goodsId === line.goodsId && it.skuId === undefined);
  const items = forSku.length > 0 ? forSku : forGoods;
  return items.length === 0 ? undefined : Math.min(...items.map((it) => it.priceFen));
}

/** Is the offer running now? */
export function offerLive(offer: NewUserOffer, now: EpochMs): boolean {
  return offer.enabled && windowCode(offer.startsAt, offer.endsAt, now) === null;
}

/**
 * For a new customer, each line with a live new-user price below its unit price, with the lowest such price over
 * the offers (ties: the first offer, offers being sorted by id). Empty for a customer who is not new.
 */
export function newUserCandidates(
  facts: readonly LineFacts[],
  offers: readonly NewUserOffer[],
  isNew: boolean,
  now: EpochMs,
): NewUserCandidate[] {
  if (!isNew) return [];
  const live = offers.filter((o) => offerLive(o, now));
  const out: NewUserCandidate[] = [];
  for (const f of facts) {
    let best: NewUserCandidate | undefined;
    for (const o of live) {
      const price = offerPrice(o, f);
      if (price === undefined || price >= f.unitPriceFen) continue;
      if (!best || price < best.priceFen) best = { lineIndex: f.index, offerId: o._id, priceFen: price };
    }
    if (best) out.push(best);
  }
  return out;
}

/**
 * One unit of the candidate's line at the new-user price (raised if needed so the line keeps its floor and the order
 * its minimum). The unit leaves the open amount and the threshold base. Null when nothing can be taken off.
 * Must run on a state where the line is still fully open (before any other discount).
 */
export function applyNewUserPrice(state: CartState, c: NewUserCandidate): CartState | null {
  const j = c.lineIndex;
  const f = state.facts[j];
  if (state.open[j] < f.unitPriceFen) throw new RangeError('the new-user price must be applied first');
  const amountFen = Math.min(f.unitPriceFen - c.priceFen, state.pay[j] - f.floorFen, orderHeadroom(state));
  if (amountFen <= 0) return null;
  const shares = state.facts.map((_, i) => (i === j ? amountFen : 0));
  const minus = (xs: readonly Fen[], d: Fen) => xs.map((x, i) => (i === j ? x - d : x));
  return {
    ...state,
    pay: minus(state.pay, amountFen),
    open: minus(state.open, f.unitPriceFen),
    base: minus(state.base, f.unitPriceFen),
    applied: [
      ...state.applied,
      {
        kind: 'new_user_price',
        sourceId: c.offerId,
        step: 1,
        reason: `新人价¥${yuanText(f.unitPriceFen - amountFen)}`,
        amountFen,
        lineShares: shares,
      },
    ],
  };
}

/** ⌊open × percentOff / 100⌋ per line that takes the member price, capped by the floors. */
export function memberPriceShares(state: CartState, def: Pick<MemberTierDef, 'percentOff'>): Fen[] {
  const wanted = state.facts.map((f, i) => (f.noMemberDiscount ? 0 : Math.floor((state.open[i] * def.percentOff) / 100)));
  return capShares(state, wanted);
}

/** Applies the member price; null when it takes nothing off (no tier discount, excluded goods, floors). */
export function applyMemberPrice(state: CartState, def: MemberTierDef): CartState | null {
  const shares = memberPriceShares(state, def);
  if (shares.every((s) => s === 0)) return null;
  const reason = `${def.name}会员价 ${zheText(def.percentOff)}`;
  return applyShares(state, { kind: 'member_price', sourceId: `tier-${def.tier}`, step: 1, reason }, shares);
}

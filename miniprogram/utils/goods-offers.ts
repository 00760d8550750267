/**
 * The goods page's offer texts (member price, new-user price, 满减 tags, member-only lock) from what
 * catalogue.goodsDetail answered for the caller. Display only: every amount is one the server decided (per SKU);
 * these only pick the chosen SKU's, or the lowest over the SKUs that can be bought when none is chosen.
 */
import type { GoodsDetail, PublicSku } from '../../typings/api/catalogue';
import { price } from './money';

export interface GoodsOfferTexts {
  /** `银卡价 ¥17.10` ('起' after it when the SKUs differ and none is chosen); '' when none. */
  memberPriceText: string;
  /** `新人价 ¥9.90 · 仅限首单`; '' when none. */
  newUserText: string;
  /** `满100减10`, … */
  fullReductionTags: string[];
  /** `金卡及以上会员专享` for a member-only goods; '' otherwise. */
  memberOnlyText: string;
  /** Member-only goods and the caller's tier is too low: buying is off. */
  locked: boolean;
}

/**
 * The server's amount of the chosen SKU, or the lowest over the buyable SKUs (with '起' when `from` and they
 * differ).
 */
function pick(detail: GoodsDetail, skuId: string | null, amount: (s: PublicSku) => number | undefined, from = true): string {
  if (skuId) {
    const sku = detail.skus.find((s) => s._id === skuId);
    const fen = sku ? amount(sku) : undefined;
    return fen === undefined ? '' : price(fen);
  }
  const buyable = detail.skus.filter((s) => s.available > 0);
  const amounts = (buyable.length ? buyable : detail.skus).map(amount).filter((f): f is number => f !== undefined);
  if (amounts.length === 0) return '';
  const low = Math.min(...amounts);
  const differ = amounts.some((a) => a !== low) || amounts.length < (buyable.length || detail.skus.length);
  return from && differ ? `${price(low)}起` : price(low);
}

export function goodsOfferTexts(detail: GoodsDetail, skuId: string | null): GoodsOfferTexts {
  const offers = detail.offers;
  const lock = offers.memberOnly;
  const locked = lock !== null && !lock.allowed;
  // a goods the caller may not buy shows no price of theirs (only the lock)
  const member = offers.tierName && !locked ? pick(detail, skuId, (s) => s.memberPriceFen) : '';
  // one unit per customer: the tag names the lowest new-user price (the SKU it is on shows it when chosen)
  const fresh = offers.newUser && !locked ? pick(detail, skuId, (s) => s.newUserPriceFen, false) : '';
  return {
    memberPriceText: member ? `${offers.tierName}价 ${member}` : '',
    newUserText: fresh ? `新人价 ${fresh} · 仅限首单` : '',
    fullReductionTags: offers.fullReductions.flatMap((p) => p.texts),
    memberOnlyText: lock ? `${lock.tierName}及以上会员专享` : '',
    locked,
  };
}

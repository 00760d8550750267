/** The goods page's offer texts pick the server's amounts: the chosen SKU's, or the lowest buyable one. */
import type { GoodsDetail, GoodsOffers, PublicSku } from '../../typings/api/catalogue';
import { goodsOfferTexts } from './goods-offers';

const OFFERS: GoodsOffers = { tier: 1, tierName: '银卡', memberOnly: null, newUser: null, fullReductions: [] };

function detail(skus: PublicSku[], offers: Partial<GoodsOffers> = {}): GoodsDetail {
  return { skus, offers: { ...OFFERS, ...offers } } as unknown as GoodsDetail;
}
const sku = (id: string, priceFen: number, extra: Partial<PublicSku> = {}): PublicSku => ({ _id: id, specValues: [], priceFen, available: 5, ...extra });

describe('goodsOfferTexts', () => {
  const skus = [sku('m', 1800, { memberPriceFen: 1710, newUserPriceFen: 990 }), sku('l', 2200, { memberPriceFen: 2090 })];

  it('the chosen SKU’s member price; the lowest with 起 when none is chosen and they differ', () => {
    expect(goodsOfferTexts(detail(skus), 'l').memberPriceText).toBe('银卡价 ¥20.90');
    expect(goodsOfferTexts(detail(skus), null).memberPriceText).toBe('银卡价 ¥17.10起');
    expect(goodsOfferTexts(detail([skus[0]]), null).memberPriceText).toBe('银卡价 ¥17.10');
    // a sold-out SKU does not set the lowest
    expect(goodsOfferTexts(detail([sku('a', 100, { memberPriceFen: 95, available: 0 }), skus[1]]), null).memberPriceText).toBe('银卡价 ¥20.90');
  });

  it('the new-user tag only with an offer, without 起 (one unit per customer), absent on a SKU it does not list', () => {
    expect(goodsOfferTexts(detail(skus), null).newUserText).toBe('');
    const d = detail(skus, { newUser: { offerId: 'nu', title: '新人专享' } });
    expect(goodsOfferTexts(d, null).newUserText).toBe('新人价 ¥9.90 · 仅限首单');
    expect(goodsOfferTexts(d, 'l').newUserText).toBe('');
  });

  it('member-only: the lock text; locked hides the caller’s prices', () => {
    const locked = goodsOfferTexts(detail(skus, { memberOnly: { minTier: 2, tierName: '金卡', allowed: false }, newUser: { offerId: 'nu', title: '' } }), 'm');
    expect(locked).toMatchObject({ locked: true, memberOnlyText: '金卡及以上会员专享', memberPriceText: '', newUserText: '' });
    const open = goodsOfferTexts(detail(skus, { memberOnly: { minTier: 1, tierName: '银卡', allowed: true } }), 'm');
    expect(open).toMatchObject({ locked: false, memberOnlyText: '银卡及以上会员专享', memberPriceText: '银卡价 ¥17.10' });
  });

  it('tier 0: no member price; 满减 steps flattened in order', () => {
    const t = goodsOfferTexts(
      detail(skus, { tier: 0, tierName: '', fullReductions: [{ promotionId: 'a', title: '', texts: ['满50减5'] }, { promotionId: 'b', title: '', texts: ['满100减10', '满200减30'] }] }),
      null,
    );
    expect(t.memberPriceText).toBe('');
    expect(t.fullReductionTags).toEqual(['满50减5', '满100减10', '满200减30']);
  });
});

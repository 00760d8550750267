// 新人专享 zone: the active new-user offers' goods with their zone price next to the normal price, "only for your
// first order" (one unit, one purchase per customer — the checkout enforces it on the server). A customer who is no
// longer new sees the goods without the offer. A tap opens the goods page; the price is charged by the checkout.
import type { NewUserZoneItem } from '../../../typings/api/marketing';
import { newUserZone } from '../../services/marketing';
import { price } from '../../utils/money';
import { loadPage } from '../../utils/page-load';

type Status = 'loading' | 'ready' | 'error';

interface ItemRow {
  key: string;
  goodsId: string;
  title: string;
  image: string;
  zonePriceText: string;
  priceText: string;
}

function itemRow(i: NewUserZoneItem): ItemRow {
  return {
    key: `${i.offerId}:${i.goodsId}:${i.skuId ?? ''}`,
    goodsId: i.goodsId,
    title: i.title,
    image: i.image,
    zonePriceText: price(i.zonePriceFen),
    priceText: price(i.priceFen),
  };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    isNew: false,
    offerTitle: '',
    items: [] as ItemRow[],
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      await loadPage(this, async () => {
        const zone = await newUserZone();
        return {
          isNew: zone.isNew,
          offerTitle: zone.offers.map((o) => o.title).join(' · '),
          items: zone.items.map(itemRow),
        };
      });
    },

    onOpenGoods(e: WechatMiniprogram.TouchEvent) {
      const id = e.currentTarget.dataset.id as string | undefined;
      if (id) wx.navigateTo({ url: `/pages/goods/index?id=${encodeURIComponent(id)}` });
    },

    onRetry() {
      void this.load();
    },
  },
});

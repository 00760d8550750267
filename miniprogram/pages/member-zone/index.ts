// Member zone: goods only members of a tier (or higher) may buy. Goods above the customer's tier are shown locked
// (no link to buy; the checkout refuses them on the server anyway with MEMBER_ONLY).
import type { ZoneGoods } from '../../../typings/api/member';
import { memberZone } from '../../services/member';
import { fromPrice } from '../../utils/money';
import { loadPage } from '../../utils/page-load';

type Status = 'loading' | 'ready' | 'error';

interface Row {
  goodsId: string;
  title: string;
  cover: string;
  priceText: string;
  tierText: string;
  locked: boolean;
}

function row(g: ZoneGoods): Row {
  return { goodsId: g._id, title: g.title, cover: g.cover, priceText: fromPrice(g), tierText: `${g.tierName}专享`, locked: g.locked };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    rows: [] as Row[],
    lockedCount: 0,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      await loadPage(this, async () => {
        const { goods } = await memberZone();
        const rows = goods.map(row);
        return { rows, lockedCount: rows.filter((r) => r.locked).length };
      });
    },

    onOpenGoods(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      const goods = this.data.rows.find((r) => r.goodsId === id);
      if (!goods) return;
      if (goods.locked) {
        wx.showToast({ title: `升级为${goods.tierText.replace('专享', '')}即可购买`, icon: 'none' });
        return;
      }
      wx.navigateTo({ url: `/pages/goods/index?id=${id}` });
    },

    onOpenMember() {
      wx.navigateTo({ url: '/pages/member/index' });
    },

    onRetry() {
      void this.load();
    },
  },
});

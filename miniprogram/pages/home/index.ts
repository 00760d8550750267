// Home (customer). For now: the shop's header and a link to its information page. Goods listing: to be built.
import { userMessage } from '../../services/cloud';
import { getShopSettings } from '../../services/shop';

Component({
  data: {
    name: '',
    notice: '',
    error: '',
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      try {
        const shop = await getShopSettings();
        this.setData({ name: shop.name, notice: shop.notice, error: '' });
        wx.setNavigationBarTitle({ title: shop.name });
      } catch (e) {
        this.setData({ error: userMessage(e) });
      }
    },

    onOpenShopInfo() {
      wx.navigateTo({ url: '/pages/shop-info/index' });
    },
  },
});

// Shop information: name, notice, address, opening hours and phone, from `shop` → `settings.get`.
import type { ShopSettings } from '../../../typings/api/shop';
import { getShopSettings } from '../../services/shop';
import { trackPageView } from '../../services/page-view';
import { loadPage } from '../../utils/page-load';

type Status = 'loading' | 'ready' | 'error';

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    shop: null as ShopSettings | null,
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad() {
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      await loadPage(this, async () => {
        const shop = await getShopSettings();
        return { shop };
      });
    },

    onRetry() {
      void this.load();
    },

    onCall() {
      const phone = this.data.shop?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },

    onCopyAddress() {
      const address = this.data.shop?.address;
      if (address) wx.setClipboardData({ data: address });
    },
  },
});

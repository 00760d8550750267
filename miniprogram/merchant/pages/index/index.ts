// The back office home (subpackage `merchant/`): who you are, and the way to orders, the dashboard and pickup verification.
// Access is decided by the server (`staff.me` answers FORBIDDEN to anyone not in the `staff` collection); this page
// only shows the refusal.
import type { StaffMe } from '../../../../typings/api/staff';
import { getStaffMe } from '../../../services/staff';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    me: null as StaffMe | null,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => ({ me: await getStaffMe() }));
    },
    onRetry() {
      void this.load();
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      const url = String(e.currentTarget.dataset.url ?? '');
      if (url) wx.navigateTo({ url });
    },
  },
});

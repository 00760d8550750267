// Customer segments (subpackage `merchant/`, staff only): how many customers are new, returning, active, at risk or
// churned (a ring), how that moved over 30 days (a line), the written definitions, and the customers of one segment
// (nickname, last visit, last order, paid orders; the openid only as a short grey id), to whom staff can send a coupon (marketing `coupons.grant`, ≤ 100 per call: the members are sent in chunks).
import type { CentreCoupon } from '../../../../typings/api/marketing';
import type { ExportRequest, SegmentName } from '../../../../typings/api/analytics';
import { userMessage } from '../../../services/cloud';
import { couponCentre } from '../../../services/marketing';
import type { CategoryChartSpec, RingChartSpec } from '../../charts/chart-spec';
import { SEGMENT_NAMES, SEGMENT_ORDER } from '../../charts/names';
import { memberRows, segmentRing, segmentRows, segmentSeries, type MemberRowView, type SegmentRowView } from '../../charts/segments-view';
import { getSegmentMembers, getSegments, grantCoupon } from '../../services/analytics';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

/** coupons.grant takes at most this many openids per call. */
const GRANT_CHUNK = 100;

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    ringSpec: null as RingChartSpec | null,
    seriesSpec: null as CategoryChartSpec | null,
    rows: [] as SegmentRowView[],
    definitions: { atRiskDays: 0, churnedDays: 0 },
    segment: '' as SegmentName | '',
    segmentName: '',
    members: [] as MemberRowView[],
    nextCursor: '',
    membersLoading: false,
    granting: false,
    grantNote: '',
    exportRequest: null as ExportRequest | null,
    membersExport: null as ExportRequest | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      void this.load().then(() => {
        const segment = SEGMENT_ORDER.find((s) => s === query.segment);
        if (segment && this.data.status === 'ready') void this.openSegment(segment);
      });
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const result = await getSegments(30);
        return {
          ringSpec: segmentRing(result),
          seriesSpec: segmentSeries(result),
          rows: segmentRows(result),
          definitions: result.definitions,
          exportRequest: { report: 'segments', params: { days: 30 } },
        };
      });
    },
    onSegment(e: WechatMiniprogram.TouchEvent) {
      const segment = SEGMENT_ORDER.find((s) => s === e.currentTarget.dataset.segment);
      if (segment) void this.openSegment(segment);
    },
    async openSegment(segment: SegmentName): Promise<void> {
      this.setData({
        segment,
        segmentName: SEGMENT_NAMES[segment],
        members: [],
        nextCursor: '',
        grantNote: '',
        membersExport: { report: 'segment_members', params: { segment } },
      });
      await this.loadMembers();
    },
    async loadMembers(): Promise<void> {
      const segment = this.data.segment;
      if (!segment || this.data.membersLoading) return;
      this.setData({ membersLoading: true });
      try {
        const page = await getSegmentMembers(segment, this.data.nextCursor || undefined);
        if (segment !== this.data.segment) return;
        this.setData({ members: [...this.data.members, ...memberRows(page.members)], nextCursor: page.nextCursor ?? '' });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ membersLoading: false });
      }
    },
    onMoreMembers() {
      void this.loadMembers();
    },
    /** Picks a coupon template (those on offer in the coupon centre), then grants one to each listed member. */
    async onSendCoupon(): Promise<void> {
      const openids = this.data.members.map((m) => m.openid);
      if (!openids.length || this.data.granting) return;
      let coupons: CentreCoupon[];
      try {
        coupons = (await couponCentre()).coupons.slice(0, 6);
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
        return;
      }
      if (!coupons.length) {
        wx.showToast({ title: '没有可发的优惠券', icon: 'none' });
        return;
      }
      wx.showActionSheet({
        itemList: coupons.map((c) => c.title),
        success: (res) => void this.grant(coupons[res.tapIndex].templateId, openids),
      });
    },
    async grant(templateId: string, openids: string[]): Promise<void> {
      this.setData({ granting: true, grantNote: '' });
      let granted = 0;
      let refused = 0;
      try {
        for (let i = 0; i < openids.length; i += GRANT_CHUNK) {
          const result = await grantCoupon(templateId, openids.slice(i, i + GRANT_CHUNK));
          granted += result.granted.length;
          refused += result.refused.length;
        }
        this.setData({ grantNote: `已发出 ${granted} 张${refused ? `，${refused} 位顾客未发（已领过或券已发完）` : ''}` });
      } catch (e) {
        this.setData({ grantNote: `已发出 ${granted} 张；${userMessage(e)}` });
      } finally {
        this.setData({ granting: false });
      }
    },
    onRetry() {
      void this.load();
    },
  },
});

// Points: two tabs — the ledger (every change with its reason, newest first, paged) and the exchange (gifts with
// their points cost and stock; exchanging asks for confirmation, then the server does it in one transaction). Each
// exchange tap gets a request id that a retry of the same tap reuses, so a retried call never spends twice.
import type { GiftView, LedgerEntryView } from '../../../typings/api/member';
import { CloudError, userMessage } from '../../services/cloud';
import { dateText } from '../../services/marketing';
import { ENTRY_KIND_TEXT, exchangeGift, newRequestId, pointsGifts, pointsLedger, pointsText } from '../../services/member';

type Status = 'loading' | 'ready' | 'error';
type Tab = 'ledger' | 'gifts';

interface EntryRow {
  id: string;
  kindText: string;
  reason: string;
  dateText: string;
  pointsText: string;
  plus: boolean;
}

interface GiftRow {
  giftId: string;
  title: string;
  description: string;
  costText: string;
  stockText: string;
  canExchange: boolean;
  buttonText: string;
}

function entryRow(e: LedgerEntryView): EntryRow {
  return { id: e.id, kindText: ENTRY_KIND_TEXT[e.kind], reason: e.reason, dateText: dateText(e.at), pointsText: pointsText(e.points), plus: e.points > 0 };
}

function giftRow(g: GiftView): GiftRow {
  return {
    giftId: g.giftId,
    title: g.title,
    description: g.description,
    costText: `${g.pointsCost} 积分`,
    stockText: g.stock > 0 ? `剩 ${g.stock} 件` : '已兑完',
    canExchange: g.canExchange,
    buttonText: g.canExchange ? '兑换' : g.reason === 'SOLD_OUT' ? '已兑完' : '积分不足',
  };
}

/** Request ids of taps whose answer did not arrive (reused by the retry). */
const pendingRequests = new Map<string, string>();

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    tab: 'ledger' as Tab,
    balance: 0,
    entries: [] as EntryRow[],
    page: 0,
    hasMore: false,
    gifts: [] as GiftRow[],
    exchanging: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ tab: query.tab === 'gifts' ? 'gifts' : 'ledger' });
      void this.load();
    },

    async load(): Promise<void> {
      const tab = this.data.tab;
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        if (tab === 'ledger') {
          const page = await pointsLedger(0);
          if (tab === this.data.tab) this.setData({ status: 'ready', balance: page.balance, entries: page.entries.map(entryRow), page: 0, hasMore: page.hasMore });
        } else {
          const { gifts, balance } = await pointsGifts();
          if (tab === this.data.tab) this.setData({ status: 'ready', balance, gifts: gifts.map(giftRow) });
        }
      } catch (e) {
        if (tab === this.data.tab) this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    async onReachBottom() {
      if (this.data.tab !== 'ledger' || !this.data.hasMore || this.data.status !== 'ready') return;
      try {
        const next = await pointsLedger(this.data.page + 1);
        this.setData({ entries: [...this.data.entries, ...next.entries.map(entryRow)], page: next.page, hasMore: next.hasMore });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      }
    },

    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = e.currentTarget.dataset.tab as Tab;
      if (tab === this.data.tab) return;
      this.setData({ tab });
      void this.load();
    },

    onExchange(e: WechatMiniprogram.TouchEvent) {
      const giftId = String(e.currentTarget.dataset.id ?? '');
      const gift = this.data.gifts.find((g) => g.giftId === giftId);
      if (!gift || !gift.canExchange || this.data.exchanging) return;
      wx.showModal({
        title: '确认兑换',
        content: `使用 ${gift.costText}兑换「${gift.title}」？`,
        success: (res) => {
          if (res.confirm) void this.exchange(giftId);
        },
      });
    },

    async exchange(giftId: string): Promise<void> {
      const requestId = pendingRequests.get(giftId) ?? newRequestId();
      pendingRequests.set(giftId, requestId);
      this.setData({ exchanging: giftId });
      try {
        const done = await exchangeGift(giftId, requestId);
        pendingRequests.delete(giftId);
        wx.showToast({ title: `已兑换「${done.title}」`, icon: 'success' });
      } catch (err) {
        // a refusal is final (a new tap is a new request); only a lost answer keeps the id for the retry
        if (!(err instanceof CloudError && err.code === 'NETWORK')) pendingRequests.delete(giftId);
        wx.showToast({ title: userMessage(err), icon: 'none' });
      } finally {
        this.setData({ exchanging: '' });
      }
      await this.load();
    },

    onRetry() {
      void this.load();
    },
  },
});

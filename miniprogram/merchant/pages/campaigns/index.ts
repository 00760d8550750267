// 营销活动 (back office): every coupon template and promotion (满减, new-user offers) with an on/off switch, and
// simple forms to create a 满X减Y coupon template and a one-tier 满减. Amounts are typed in yuan and sent in fen; the
// server validates everything again (thresholds above reductions, dates in order) and decides who is staff.
import type { CouponTemplate } from '../../../../typings/marketing/coupon';
import type { Promotion } from '../../../../typings/marketing/promotion';
import { userMessage } from '../../../services/cloud';
import { benefitText, listCampaigns, savePromotion, saveTemplate, setCampaignEnabled, setInviteCampaign } from '../../../services/marketing';
import { yuan } from '../../utils/format';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';
const DAY = 86_400_000;

interface Row {
  id: string;
  kind: 'template' | 'promotion';
  title: string;
  detail: string;
  enabled: boolean;
  /** A community template: staff open its page to share it into their groups. */
  community: boolean;
}

/** `12.5` → 1250; anything that is not a positive amount with at most 2 decimals → null. */
function fenOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const fen = Math.round(Number(t) * 100);
  return fen > 0 ? fen : null;
}

/** 30000 → `300`, 1250 → `12.50`. */
const plain = (fen: number) => yuan(fen).replace('¥', '').replace(/\.00$/, '');

function positiveInt(text: string): number | null {
  const t = text.trim();
  return /^[1-9]\d{0,6}$/.test(t) ? Number(t) : null;
}

function templateRow(t: CouponTemplate): Row {
  const issued = t.totalQuantity === null ? `已发 ${t.issuedCount}` : `已发 ${t.issuedCount}/${t.totalQuantity}`;
  const tags = [t.communityOnly ? '社群专享' : '', issued].filter(Boolean).join(' · ');
  return { id: t._id, kind: 'template', title: t.title, detail: `${benefitText(t.benefit)} · ${tags}`, enabled: t.enabled, community: t.communityOnly };
}

function promotionRow(p: Promotion): Row {
  const detail =
    p.kind === 'full_reduction'
      ? `满减 ${[...p.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen).map((t) => `满${plain(t.thresholdFen)}减${plain(t.reduceFen)}`).join('，')}`
      : `新人价 ${p.items.length} 件商品`;
  return { id: p._id, kind: 'promotion', title: p.title, detail, enabled: p.enabled, community: false };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    templates: [] as Row[],
    promotions: [] as Row[],
    busy: false,
    formError: '',
    tplTitle: '',
    tplThreshold: '',
    tplAmount: '',
    tplDays: '7',
    tplTotal: '100',
    frTitle: '',
    frThreshold: '',
    frReduce: '',
    frDays: '7',
    /** The invite campaign: reward templates picked from the list (indexes into `templates`), and its switch. */
    templateTitles: [] as string[],
    inviterIndex: -1,
    inviteeIndex: -1,
    inviteEnabled: false,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const { templates, promotions, invite } = await listCampaigns();
        const rows = templates.map(templateRow);
        return {
          templates: rows,
          promotions: promotions.map(promotionRow),
          templateTitles: rows.map((r) => r.title),
          inviterIndex: invite ? rows.findIndex((r) => r.id === invite.inviterTemplateId) : -1,
          inviteeIndex: invite ? rows.findIndex((r) => r.id === invite.inviteeTemplateId) : -1,
          inviteEnabled: invite?.enabled ?? false,
        };
      });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = String(e.currentTarget.dataset.field ?? '');
      if (field) this.setData({ [field]: e.detail.value });
    },

    async onToggle(e: WechatMiniprogram.TouchEvent) {
      const { kind, id } = e.currentTarget.dataset as { kind: 'template' | 'promotion'; id: string };
      const list = kind === 'template' ? this.data.templates : this.data.promotions;
      const row = list.find((r) => r.id === id);
      if (!row || this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        await setCampaignEnabled(kind, id, !row.enabled);
        await this.load();
      } catch (e) {
        this.setData({ formError: userMessage(e) });
      } finally {
        this.setData({ busy: false });
      }
    },

    async onCreateTemplate(): Promise<void> {
      const d = this.data;
      const thresholdFen = fenOf(d.tplThreshold);
      const amountFen = fenOf(d.tplAmount);
      const days = positiveInt(d.tplDays);
      const total = positiveInt(d.tplTotal);
      if (!d.tplTitle.trim() || thresholdFen === null || amountFen === null || days === null || total === null) {
        this.setData({ formError: '请填写券名、门槛、减免金额（元）、有效天数和发放总量' });
        return;
      }
      const now = Date.now();
      await this.submit(() =>
        saveTemplate({
          title: d.tplTitle.trim(),
          benefit: { kind: 'threshold', thresholdFen, amountFen },
          scope: { type: 'shop' },
          validity: { type: 'days_after_claim', days },
          totalQuantity: total,
          perUserLimit: 1,
          communityOnly: false,
          claimStartsAt: now,
          claimEndsAt: now + 30 * DAY,
          enabled: true,
        }),
      );
    },

    async onCreatePromotion(): Promise<void> {
      const d = this.data;
      const thresholdFen = fenOf(d.frThreshold);
      const reduceFen = fenOf(d.frReduce);
      const days = positiveInt(d.frDays);
      if (!d.frTitle.trim() || thresholdFen === null || reduceFen === null || days === null) {
        this.setData({ formError: '请填写活动名、满多少、减多少（元）和活动天数' });
        return;
      }
      const now = Date.now();
      await this.submit(() =>
        savePromotion({
          kind: 'full_reduction',
          title: d.frTitle.trim(),
          scope: { type: 'shop' },
          tiers: [{ thresholdFen, reduceFen }],
          startsAt: now,
          endsAt: now + days * DAY,
          enabled: true,
        }),
      );
    },

    async submit(save: () => Promise<unknown>, done = '已创建'): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        await save();
        this.setData({ tplTitle: '', tplThreshold: '', tplAmount: '', frTitle: '', frThreshold: '', frReduce: '' });
        wx.showToast({ title: done, icon: 'success' });
        await this.load();
      } catch (e) {
        this.setData({ formError: userMessage(e) });
      } finally {
        this.setData({ busy: false });
      }
    },

    onPickInviter(e: WechatMiniprogram.PickerChange) {
      this.setData({ inviterIndex: Number(e.detail.value) });
    },

    onPickInvitee(e: WechatMiniprogram.PickerChange) {
      this.setData({ inviteeIndex: Number(e.detail.value) });
    },

    async onSaveInvite(e: WechatMiniprogram.TouchEvent): Promise<void> {
      const enabled = e.currentTarget.dataset.enabled === true || e.currentTarget.dataset.enabled === 'true';
      const inviter = this.data.templates[this.data.inviterIndex];
      const invitee = this.data.templates[this.data.inviteeIndex];
      if (!inviter || !invitee) {
        this.setData({ formError: '请选择邀请人和好友的奖励券' });
        return;
      }
      await this.submit(() => setInviteCampaign(enabled, inviter.id, invitee.id), '已保存');
    },

    /** A community coupon is claimable only from a card shared into a group: its page shares with a share ticket. */
    onShareCommunity(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      if (id) wx.navigateTo({ url: `/pages/community-coupon/index?t=${encodeURIComponent(id)}` });
    },

    onRetry() {
      void this.load();
    },
  },
});

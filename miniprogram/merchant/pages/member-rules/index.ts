// Member tiers and points rules (back office): the owner edits the three tiers (name, member discount, points
// multiplier, how each is reached) and the points rules (deduction rate and cap, earning rate, expiry), then saves;
// the server validates and answers the problem in words. Clerks see the rules read-only (the server refuses their
// save anyway).
import { CloudError, userMessage } from '../../../services/cloud';
import { getPricingRules, savePricingRules } from '../../../services/member';
import { getStaffMe } from '../../../services/staff';
import { loadStaffPage } from '../../utils/staff-load';
import { formOf, nextTier, type RulesForm, rulesOf } from './rules-form';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    isOwner: false,
    form: null as RulesForm | null,
    saveError: '',
    saving: false,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const [me, { rules }] = await Promise.all([getStaffMe(), getPricingRules()]);
        return { isOwner: me.role === 'owner', form: formOf(rules), saveError: '' };
      });
    },

    /** An input with data-field (a form field) or data-tier + data-field (a field of one tier). */
    onInput(e: WechatMiniprogram.Input) {
      const { field, tier } = e.currentTarget.dataset as { field: string; tier?: number | string };
      if (tier === undefined || tier === '') this.setData({ [`form.${field}`]: e.detail.value });
      else this.setData({ [`form.tiers[${Number(tier)}].${field}`]: e.detail.value });
    },

    onToggleDeduction() {
      if (this.data.form) this.setData({ 'form.deductionEnabled': !this.data.form.deductionEnabled });
    },

    onAddTier() {
      const form = this.data.form;
      const tier = form && nextTier(form);
      if (form && tier) this.setData({ 'form.tiers': [...form.tiers, tier].sort((a, b) => a.tier - b.tier) });
    },

    onRemoveTier() {
      const form = this.data.form;
      if (form?.tiers.length) this.setData({ 'form.tiers': form.tiers.slice(0, -1) });
    },

    async onSave() {
      const form = this.data.form;
      if (!form || this.data.saving) return;
      this.setData({ saving: true, saveError: '' });
      try {
        const { rules } = await savePricingRules(rulesOf(form));
        this.setData({ form: formOf(rules) });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (e) {
        this.setData({ saveError: e instanceof CloudError && e.code === 'INVALID_INPUT' ? e.message : userMessage(e) });
      } finally {
        this.setData({ saving: false });
      }
    },

    onRetry() {
      void this.load();
    },
  },
});

// Goods page: gallery, price, description, the SKU picker popup (driven by catalogue.goodsDetail's SKUs and
// picker), add to cart, buy now (→ the checkout page with the chosen SKU), and the customer-service button.
// What the caller's tier and the shop's promotions mean for the goods (member price, 新人价, 满减 tags, the
// member-only lock with buying off and a link to the member centre) come decided by the server in `detail.offers`
// and `skus[].memberPriceFen / newUserPriceFen` (utils/goods-offers.ts only picks the texts).
import type { GoodsDetail } from '../../../typings/api/catalogue';
import type { SkuPickerState } from '../../../typings/shop/catalogue';
import { addToCart } from '../../services/cart';
import { userMessage } from '../../services/cloud';
import { getGoodsDetail } from '../../services/catalogue';
import { track } from '../../services/tracking';
import { price, rangeText } from '../../utils/money';
import { choiceText, pickerState, toggle } from '../../utils/sku-picker';
import { goodsOfferTexts } from '../../utils/goods-offers';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';
/** What the popup's confirm button does. */
type PickerMode = 'cart' | 'buy';

/** Most units of one SKU per order/cart line (server/domain/limits.ts MAX_LINE_QUANTITY). */
const MAX_QUANTITY = 99;

Component({
  properties: {
    id: { type: String, value: '' },
  },

  data: {
    status: 'loading' as Status,
    errorMessage: '',
    goodsId: '',
    detail: null as GoodsDetail | null,
    choice: [] as Array<string | null>,
    picker: null as SkuPickerState | null,
    choiceText: '',
    priceText: '',
    originalPriceText: '',
    memberPriceText: '',
    newUserText: '',
    fullReductionTags: [] as string[],
    memberOnlyText: '',
    locked: false,
    image: '',
    quantity: 1,
    maxQuantity: 1,
    pickerVisible: false,
    pickerMode: 'cart' as PickerMode,
    busy: false,
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad(query: Record<string, string | undefined>) {
      this.setData({ goodsId: decodeURIComponent(query.id ?? '') });
      void this.load();
    },

    async load(): Promise<void> {
      if (!this.data.goodsId) {
        this.setData({ status: 'error', errorMessage: '商品不存在或已下架' });
        return;
      }
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const detail = await getGoodsDetail(this.data.goodsId);
        const choice = detail.goods.specs.map((s) => (s.values.length === 1 ? s.values[0] : null));
        this.setData({ status: 'ready', detail });
        track({ type: 'goods_view', goodsId: this.data.goodsId, page: 'pages/goods/index' });
        this.applyChoice(choice);
        wx.setNavigationBarTitle({ title: detail.goods.title });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    /** Recomputes the picker, the price shown and the quantity bounds for a choice. */
    applyChoice(choice: Array<string | null>) {
      const detail = this.data.detail;
      if (!detail) return;
      const picker = pickerState(detail.goods.specs, detail.skus, choice);
      const sku = picker.skuId ? detail.skus.find((s) => s._id === picker.skuId) : undefined;
      const maxQuantity = Math.max(1, Math.min(MAX_QUANTITY, picker.available));
      const offers = goodsOfferTexts(detail, sku ? sku._id : null);
      this.setData({
        ...offers,
        choice,
        picker,
        choiceText: choiceText(detail.goods.specs, choice),
        priceText: sku ? price(sku.priceFen) : rangeText(picker.price ?? detail.price ?? detail.goods),
        originalPriceText: sku?.originalPriceFen ? price(sku.originalPriceFen) : '',
        image: detail.goods.images[0] ?? '',
        maxQuantity,
        quantity: Math.min(this.data.quantity, maxQuantity),
      });
    },

    onRetry() {
      void this.load();
    },

    onPreviewImage(e: WechatMiniprogram.TouchEvent) {
      const images = this.data.detail?.goods.images ?? [];
      wx.previewImage({ urls: images, current: String(e.currentTarget.dataset.src ?? images[0] ?? '') });
    },

    onOpenPicker() {
      this.setData({ pickerVisible: true, pickerMode: 'cart' });
    },

    onAddToCartTap() {
      if (this.refuseLocked()) return;
      this.setData({ pickerVisible: true, pickerMode: 'cart' });
    },

    onBuyNowTap() {
      if (this.refuseLocked()) return;
      this.setData({ pickerVisible: true, pickerMode: 'buy' });
    },

    /** A member-only goods above the caller's tier: says so (the checkout would refuse it with MEMBER_ONLY). */
    refuseLocked(): boolean {
      if (!this.data.locked) return false;
      wx.showToast({ title: `${this.data.memberOnlyText}，升级会员后可购买`, icon: 'none' });
      return true;
    },

    onGoMember() {
      wx.navigateTo({ url: '/pages/member/index' });
    },

    onPickerVisibleChange(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      this.setData({ pickerVisible: e.detail.visible });
    },

    onClosePicker() {
      this.setData({ pickerVisible: false });
    },

    onPickOption(e: WechatMiniprogram.TouchEvent) {
      const row = Number(e.currentTarget.dataset.row);
      const value = String(e.currentTarget.dataset.value ?? '');
      const option = this.data.picker?.rows[row]?.options.find((o) => o.value === value);
      if (!option || (!option.selectable && !option.selected)) return;
      this.applyChoice(toggle(this.data.choice, row, value));
    },

    onQuantityChange(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const q = Math.floor(Number(e.detail.value));
      if (Number.isFinite(q) && q >= 1) this.setData({ quantity: Math.min(q, this.data.maxQuantity) });
    },

    /** The chosen SKU, or undefined after telling the customer what is missing. */
    chosenSku(): string | undefined {
      const picker = this.data.picker;
      if (!picker || !picker.complete || !picker.skuId) {
        wx.showToast({ title: this.data.choiceText || '请选择规格', icon: 'none' });
        return undefined;
      }
      if (picker.available <= 0) {
        wx.showToast({ title: '该规格已售罄', icon: 'none' });
        return undefined;
      }
      return picker.skuId;
    },

    async onConfirm(): Promise<void> {
      if (this.refuseLocked()) return;
      const skuId = this.chosenSku();
      if (!skuId || this.data.busy) return;
      const quantity = this.data.quantity;
      if (this.data.pickerMode === 'buy') {
        this.setData({ pickerVisible: false });
        const items = encodeURIComponent(JSON.stringify([{ skuId, quantity }]));
        wx.navigateTo({ url: `/pages/checkout/index?items=${items}` });
        return;
      }
      this.setData({ busy: true });
      try {
        await addToCart(skuId, quantity);
        track({ type: 'add_to_cart', goodsId: this.data.goodsId, skuId, quantity, page: 'pages/goods/index' });
        this.setData({ pickerVisible: false });
        wx.showToast({ title: '已加入购物车', icon: 'success' });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },

    onGoCart() {
      wx.switchTab({ url: '/pages/cart/index' });
    },

    onGoHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },

    /** Forwarding the goods (menu or share button): records a `share` and opens this goods for the receiver. */
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const goodsId = this.data.goodsId;
      if (goodsId) track({ type: 'share', target: 'chat', goodsId, page: 'pages/goods/index' });
      return {
        title: this.data.detail?.goods.title ?? '',
        path: `/pages/goods/index?id=${encodeURIComponent(goodsId)}`,
      };
    },
  },
});

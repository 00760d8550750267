// Cart (customer tab): each line with its state (off shelf / sold out / short of stock), quantity stepper,
// selection, removal, the selected total and the way to checkout. Every change answers the whole updated cart.
import type { CartItemView, CartView } from '../../../typings/shop/cart';
import { userMessage } from '../../services/cloud';
import {
  getCart,
  removeCartItems,
  removeInvalidCartItems,
  selectAllCartItems,
  selectCartItems,
  setCartQuantity,
} from '../../services/cart';
import { price } from '../../utils/money';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';

/** Most units of one line (server/domain/limits.ts MAX_LINE_QUANTITY). */
const MAX_QUANTITY = 99;

export interface CartRow extends CartItemView {
  /** Can be ticked for checkout (state OK). */
  checkable: boolean;
  checked: boolean;
  priceText: string;
  /** '' for OK lines. */
  stateText: string;
  /** The stepper's bounds. */
  maxQuantity: number;
  /** The quantity can still be changed (OK, or short of stock). */
  adjustable: boolean;
}

function stateText(item: CartItemView): string {
  switch (item.state) {
    case 'OK':
      return '';
    case 'OFF_SHELF':
      return '已下架';
    case 'OUT_OF_STOCK':
      return '已售罄';
    case 'INSUFFICIENT_STOCK':
      return `库存不足，仅剩 ${item.available} 件`;
    default:
      return '商品已失效';
  }
}

export function cartRows(view: CartView): CartRow[] {
  return view.items.map((item) => {
    const checkable = item.state === 'OK';
    const adjustable = checkable || item.state === 'INSUFFICIENT_STOCK';
    return {
      ...item,
      checkable,
      checked: checkable && item.selected,
      priceText: price(item.unitPriceFen),
      stateText: stateText(item),
      maxQuantity: Math.max(1, Math.min(MAX_QUANTITY, Math.max(item.available, item.quantity))),
      adjustable,
    };
  });
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    rows: [] as CartRow[],
    allSelected: false,
    selectedLines: 0,
    selectedQuantity: 0,
    invalidCount: 0,
    totalText: price(0),
    busy: false,
  },

  methods: {
    onShow() {
      trackPageView(this);
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        this.show(await getCart());
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    show(view: CartView) {
      this.setData({
        status: 'ready',
        rows: cartRows(view),
        allSelected: view.allSelected,
        selectedLines: view.selectedLines,
        selectedQuantity: view.selectedQuantity,
        invalidCount: view.invalidCount,
        totalText: price(view.selectedGoodsFen),
      });
    },

    /** Runs one cart change and shows the cart it answers (a refusal is shown as a toast). */
    async change(run: () => Promise<CartView>): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.show(await run());
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
        await this.load();
      } finally {
        this.setData({ busy: false });
      }
    },

    onRetry() {
      void this.load();
    },

    onToggle(e: WechatMiniprogram.TouchEvent) {
      const skuId = String(e.currentTarget.dataset.sku ?? '');
      const row = this.data.rows.find((r) => r.skuId === skuId);
      if (!row || !row.checkable) return;
      void this.change(() => selectCartItems([skuId], !row.checked));
    },

    onToggleAll() {
      if (!this.data.rows.some((r) => r.checkable)) return;
      const selected = !this.data.allSelected;
      void this.change(() => selectAllCartItems(selected));
    },

    onQuantityChange(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const skuId = String((e.currentTarget.dataset as { sku?: string }).sku ?? '');
      const quantity = Math.floor(Number(e.detail.value));
      const row = this.data.rows.find((r) => r.skuId === skuId);
      if (!row || !Number.isFinite(quantity) || quantity < 1 || quantity === row.quantity) return;
      void this.change(() => setCartQuantity(skuId, quantity));
    },

    onRemove(e: WechatMiniprogram.TouchEvent) {
      const skuId = String(e.currentTarget.dataset.sku ?? '');
      if (skuId) void this.change(() => removeCartItems([skuId]));
    },

    onRemoveInvalid() {
      void this.change(() => removeInvalidCartItems());
    },

    onOpenGoods(e: WechatMiniprogram.TouchEvent) {
      const goodsId = String(e.currentTarget.dataset.goods ?? '');
      const row = this.data.rows.find((r) => r.goodsId === goodsId);
      if (row && row.state !== 'NOT_FOUND') wx.navigateTo({ url: `/pages/goods/index?id=${encodeURIComponent(goodsId)}` });
    },

    onCheckout() {
      if (this.data.selectedLines === 0) {
        wx.showToast({ title: '请选择要结算的商品', icon: 'none' });
        return;
      }
      wx.navigateTo({ url: '/pages/checkout/index?from=cart' });
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});

// A goods in a list (home grid, category list, search results). Display only: the page binds the tap
// (`<goods-card data-id="{{item._id}}" bind:tap="onGoodsTap" />`) and opens the goods page.
import type { GoodsCard } from '../../../typings/api/catalogue';
import { fromPrice } from '../../utils/money';

Component({
  properties: {
    goods: { type: Object, value: {} },
    /** `grid` (two columns, cover on top) or `row` (cover on the left). */
    layout: { type: String, value: 'grid' },
  },

  data: {
    priceText: '',
  },

  observers: {
    goods(goods: GoodsCard) {
      this.setData({ priceText: goods && goods._id ? fromPrice(goods) : '' });
    },
  },
});

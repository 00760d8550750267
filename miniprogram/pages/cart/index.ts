// 购物车 (customer) — placeholder page, to be built.
Component({
  data: {},
  methods: {},
});

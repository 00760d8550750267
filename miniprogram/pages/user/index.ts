// 我的 (customer) — placeholder page, to be built.
Component({
  data: {},
  methods: {},
});

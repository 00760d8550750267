// 分类 (customer) — placeholder page, to be built.
Component({
  data: {},
  methods: {},
});

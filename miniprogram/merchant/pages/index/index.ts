// PLACEHOLDER — the staff back office (subpackage `merchant/`, loaded only when staff open it). To be built:
// orders to handle, goods and stock, shop settings. Every merchant action is checked on the server (FORBIDDEN
// unless the caller's openid is staff); hiding this page is not access control.
Component({
  data: {},
  methods: {},
});

/**
 * The member-rules page against the emulator with the demo shop: the owner edits a tier and the points rules and
 * saves (the settings document changes); an invalid value is explained by the server and nothing is saved; a clerk
 * sees the rules read-only; a customer sees the refusal.
 */
import { DEMO_CUSTOMER, DEMO_STAFF } from '../../../../scripts/demo-shop';
import { DEMO_PRICING_RULES } from '../../../../scripts/demo-shop/members';
import type { PageHandle } from '../../../../test/page-harness';
import { useDemoPages } from '../../../../test/demo-pages';

const demo = useDemoPages();
let page: PageHandle | undefined;

const settings = () => demo.db.collection('shop_settings').byId('default') as Record<string, any>;
const type = (p: PageHandle, value: string, field: string, tier?: number) =>
  p.instance.onInput({ currentTarget: { dataset: tier === undefined ? { field } : { field, tier } }, detail: { value } });

it('the owner edits a tier and the points rules and saves them', async () => {
  page = await demo.open('merchant/pages/member-rules/index', { openid: DEMO_STAFF });
  await page.waitFor((d) => d.status !== 'loading', 20_000);
  expect(page.data.status).toBe('ready');
  expect(page.exists('#read-only')).toBe(false);
  expect(page.data.form.tiers.map((t: { name: string }) => t.name)).toEqual(['银卡', '金卡', '黑卡']);

  type(page, '8', 'percentOff', 0);
  type(page, '888', 'reachSpendYuan', 0);
  type(page, '30', 'maxPercentOfOrder');
  type(page, '', 'expiresAfterDays');
  await page.tap('#save');
  await page.waitFor((d) => !d.saving, 20_000);
  expect(page.data.saveError).toBe('');
  expect(settings().pricing).toEqual({
    ...DEMO_PRICING_RULES,
    tiers: [{ ...DEMO_PRICING_RULES.tiers[0], percentOff: 8, reachSpendFen: 88_800 }, ...DEMO_PRICING_RULES.tiers.slice(1)],
    points: { deduction: { ...DEMO_PRICING_RULES.points.deduction, maxPercentOfOrder: 30 }, earning: { ...DEMO_PRICING_RULES.points.earning, expiresAfterDays: null } },
  });
  expect(settings().name).toBe('开店·Demo 咖啡与烘焙'); // the rest of the settings untouched
});

it('an invalid value is explained and nothing is saved', async () => {
  const before = settings().pricing;
  page = await demo.open('merchant/pages/member-rules/index', { openid: DEMO_STAFF });
  await page.waitFor((d) => d.status === 'ready', 20_000);
  type(page, '120', 'lineFloorPercent');
  await page.tap('#save');
  await page.waitFor((d) => !d.saving && d.saveError !== '', 20_000);
  expect(page.text('#save-error')).toContain('lineFloorPercent');
  expect(settings().pricing).toEqual(before);
});

it('a clerk sees the rules read-only; a customer is refused', async () => {
  page = await demo.open('merchant/pages/member-rules/index', { openid: 'demo-clerk' });
  await page.waitFor((d) => d.status !== 'loading', 20_000);
  expect(page.exists('#read-only')).toBe(true);
  expect(page.exists('#save')).toBe(false);
  page.detach();
  page = undefined;

  page = await demo.open('merchant/pages/member-rules/index', { openid: DEMO_CUSTOMER });
  await page.waitFor((d) => d.status !== 'loading', 20_000);
  expect(page.data.status).toBe('forbidden');
});

/** Reading and validating the shop's pricing rules. */
import { DEFAULT_PRICING_RULES, readPricingRules, validatePricingRules } from './pricing-rules';

const GOOD = {
  tiers: [
    { tier: 2, name: '金卡', percentOff: 10, pointsMultiplierPercent: 150, reachPoints: 5000 },
    { tier: 1, name: '银卡', percentOff: 5, pointsMultiplierPercent: 100, reachPoints: 1000 },
  ],
  points: { deduction: { enabled: true, pointsPerYuan: 100, maxPercentOfOrder: 30 }, earning: { pointsPerYuan: 1, expiresAfterDays: null } },
  lineFloorPercent: 10,
};

it('valid rules are accepted and the tiers sorted', () => {
  const r = validatePricingRules(GOOD);
  expect(r.ok && r.rules.tiers.map((t) => t.tier)).toEqual([1, 2]);
});

it.each([
  ['a duplicate tier', { ...GOOD, tiers: [GOOD.tiers[0], GOOD.tiers[0]] }, 'defined twice'],
  ['a higher tier easier to reach', { ...GOOD, tiers: [{ ...GOOD.tiers[0], reachPoints: 10 }, GOOD.tiers[1]] }, 'easier'],
  ['a tier with no way to reach it', { ...GOOD, tiers: [{ tier: 1, name: 'x', percentOff: 1, pointsMultiplierPercent: 100 }] }, 'reachPoints'],
  ['a 100 % discount', { ...GOOD, tiers: [{ ...GOOD.tiers[1], percentOff: 100 }] }, 'percentOff'],
  ['negative points per yuan', { ...GOOD, points: { ...GOOD.points, earning: { pointsPerYuan: -1, expiresAfterDays: null } } }, 'pointsPerYuan'],
  ['a fractional floor', { ...GOOD, lineFloorPercent: 1.5 }, 'lineFloorPercent'],
  ['an unknown field', { ...GOOD, bonus: 1 }, ''],
])('%s is refused, naming the problem', (_name, rules, text) => {
  const r = validatePricingRules(rules);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message).toContain(text);
});

it('a stored document without valid rules reads as the defaults (never throws)', () => {
  expect(readPricingRules(undefined)).toBe(DEFAULT_PRICING_RULES);
  expect(readPricingRules({ name: 'x' })).toBe(DEFAULT_PRICING_RULES);
  expect(readPricingRules({ pricing: { tiers: 'oops' } })).toBe(DEFAULT_PRICING_RULES);
  expect(readPricingRules({ pricing: GOOD }).lineFloorPercent).toBe(10);
});

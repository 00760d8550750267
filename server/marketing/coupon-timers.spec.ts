/**
 * The marketingTimers function on the emulator's manual clock: available coupons past validUntil become expired
 * (a rerun changes nothing; locked and used ones are left alone), and the expiring-soon reminder goes out once per
 * coupon — one message per customer — however often the timer runs, only to customers who authorised it.
 */
import type { OwnedCoupon } from '../../typings/marketing/coupon';
import type { OpenApiService } from '../../emulator/src/openapi';
import type { TimersService } from '../../emulator/src/timers/timers';
import { COUPON_SUBSCRIBE_TEMPLATES } from '../../miniprogram/config/subscribe';
import { type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';
import { ownedCoupon } from './__fixtures__/coupons';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TPL = COUPON_SUBSCRIBE_TEMPLATES.coupon_expiring;
let env: OrderTestEnv;
let now: number;

/** A coupon of template `t-x`, claimed 5 days ago and valid for 10 more. */
const owned = (id: string, openid: string, over: Partial<OwnedCoupon>): OwnedCoupon =>
  ownedCoupon(id, openid, now, { templateId: 't-x', validFrom: now - 5 * DAY, validUntil: now + 10 * DAY, issuedAt: now - 5 * DAY, ...over });

const timers = () => env.emu.service<TimersService>('timers');
const fire = async (trigger: 'hourly' | 'morning') => {
  const f = await timers().fire('marketingTimers', trigger);
  expect(f.ok).toBe(true);
  return f.result as { ok: boolean; expiry: { expired: number }; reminders?: { customers: number; coupons: number; sent: number; skipped: number } };
};
const sentTo = (openid: string) =>
  env.outbox.list({ kind: 'openapi', api: 'subscribeMessage.send', openid }).filter((e) => JSON.stringify(e.request).includes(TPL) && e.errCode === 0);
const status = (id: string) => (env.coll('user_coupons').byId(id) as unknown as OwnedCoupon).status;
const reminder = (id: string) => (env.coll('user_coupons').byId(id) as unknown as OwnedCoupon).expiryReminder;

beforeAll(async () => {
  env = await startOrderEnv({});
  now = env.emu.clock.now();
  env.coll('user_coupons').insertMany([
    owned('past', 'o-ann', { validUntil: now - HOUR }),
    owned('past-locked', 'o-ann', { validUntil: now - HOUR, status: 'locked', orderNo: 'KD1' }),
    owned('past-used', 'o-ann', { validUntil: now - HOUR, status: 'used', orderNo: 'KD2' }),
    owned('soon-1', 'o-ann', { validUntil: now + 3 * HOUR }),
    owned('soon-2', 'o-ann', { validUntil: now + 20 * HOUR }),
    owned('soon-bob', 'o-bob', { validUntil: now + 5 * HOUR }),
    owned('later', 'o-ann', { validUntil: now + 5 * DAY }),
  ] as unknown as Record<string, unknown>[]);
  // Ann authorised the reminder (on WeChat's side and in our count); Bob did not
  env.emu.service<OpenApiService>('openapi').grantSubscription('o-ann', [TPL]);
  env.coll('subscriptions').insertOne({ _id: `o-ann|${TPL}`, openid: 'o-ann', templateId: TPL, count: 1, updatedAt: 0 });
});

afterAll(async () => {
  await env?.stop();
});

it('expires available coupons past their validity once; locked and used ones stay', async () => {
  const first = await fire('hourly');
  expect(first.expiry.expired).toBe(1);
  expect(first.reminders).toBeUndefined();
  expect(['past', 'past-locked', 'past-used', 'soon-1', 'later'].map(status)).toEqual(['expired', 'locked', 'used', 'available', 'available']);
  const after = snapshot(env, ['user_coupons']);
  expect((await fire('hourly')).expiry.expired).toBe(0);
  expect(snapshot(env, ['user_coupons'])).toEqual(after);
});

it('sends the expiring-soon reminder once per coupon, one message per customer, across reruns', async () => {
  const run = await fire('morning');
  expect(run.reminders).toMatchObject({ customers: 2, coupons: 3, sent: 1, skipped: 1 });
  const ann = sentTo('o-ann');
  expect(ann).toHaveLength(1);
  expect(JSON.stringify(ann[0]!.request)).toContain('券 soon-1 等2张');
  expect(reminder('soon-1')).toMatchObject({ status: 'sent' });
  expect(reminder('soon-2')).toMatchObject({ status: 'sent' });
  expect(reminder('soon-bob')).toMatchObject({ status: 'skipped', reason: 'no_authorisation' });
  expect(reminder('later')).toBeUndefined();
  expect(env.coll('subscriptions').byId(`o-ann|${TPL}`)).toMatchObject({ count: 0 });

  // Ann authorises again: a rerun still reminds nobody twice
  env.emu.service<OpenApiService>('openapi').grantSubscription('o-ann', [TPL]);
  env.coll('subscriptions').updateMany({ _id: `o-ann|${TPL}` }, { $set: { count: 1 } });
  const again = await Promise.all([fire('morning'), fire('morning')]);
  expect(again.map((r) => r.reminders?.coupons)).toEqual([0, 0]);
  expect(sentTo('o-ann')).toHaveLength(1);
  expect(sentTo('o-bob')).toHaveLength(0);
});

it('on the manual clock: the hourly trigger fires by itself and expires a coupon whose time passed', async () => {
  // the next hh:05:00 (the hourly trigger's cron, `0 5 * * * * *`)
  const t = env.emu.clock.now();
  const hour = Math.floor(t / HOUR) * HOUR;
  const nextFire = hour + 5 * 60_000 > t ? hour + 5 * 60_000 : hour + HOUR + 5 * 60_000;
  env.coll('user_coupons').insertOne(owned('edge', 'o-ann', { validUntil: nextFire - 60_000 }) as unknown as Record<string, unknown>);
  const before = timers().history({ functionName: 'marketingTimers', triggerName: 'hourly' }).length;

  await env.emu.clock.advance(nextFire - 90_000 - t); // 90 s before the trigger: still valid, nothing fired
  expect(status('edge')).toBe('available');
  await env.emu.clock.advance(2 * 60_000);
  expect(timers().history({ functionName: 'marketingTimers', triggerName: 'hourly' }).length).toBe(before + 1);
  expect(status('edge')).toBe('expired');
  expect(status('later')).toBe('available');
  // an expired coupon is never reminded
  expect((await fire('morning')).reminders?.coupons).toBe(0);
  expect(reminder('edge')).toBeUndefined();
}, 60_000);

it('refuses to run for a caller with a user identity', async () => {
  const out = await env.emu.ctx.functions().invoke('marketingTimers', { Type: 'Timer', TriggerName: 'hourly' }, { openid: 'o-ann' });
  expect(out).toMatchObject({ ok: true, result: { ok: false } });
});

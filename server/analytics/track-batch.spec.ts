/**
 * `analytics` / `track.batch` on the emulator, through the gateway as a customer: valid events are stored with the
 * caller's openid in one write; malformed, oversized and forged ones are refused with reasons and stored nowhere.
 */
import { seedDataset } from '../../emulator/src/seed';
import { startOrderEnv, type OrderTestEnv } from '../orders/test-support';

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv();
  await seedDataset(env.emu, { collections: { events: [] } });
});
afterAll(() => env?.stop());

describe('analytics track.batch', () => {
  it('stores the valid events with the caller\'s openid and refuses the rest with reasons', async () => {
    const now = env.emu.clock.now();
    const { reply, invocationId } = await env.call(
      'analytics',
      'track.batch',
      {
        events: [
          { type: 'page_view', page: 'pages/index/index', at: now - 2000, session: 's1' },
          { type: 'paid', orderId: 'o1', amountFen: 9900, at: now }, // forged: a server event
          { type: 'goods_view', goodsId: 'g1', at: now - 1000, openid: 'o-victim' }, // forged: names a user
          { type: 'goods_view', at: now }, // malformed: no goodsId
          { type: 'search', keyword: 'x', at: now, junk: 'j'.repeat(4000) }, // oversized
          { type: 'add_to_cart', goodsId: 'g1', skuId: 'k1', quantity: 1, at: now - 500 },
        ],
      },
      'o-alice',
    );
    expect(reply).toEqual({
      ok: true,
      data: {
        accepted: 2,
        refused: [
          { index: 1, reason: 'forged', detail: expect.any(String) },
          { index: 2, reason: 'forged', detail: expect.stringContaining('openid') },
          { index: 3, reason: 'malformed', detail: expect.stringMatching(/^goodsId: /) },
          { index: 4, reason: 'oversized', detail: expect.any(String) },
        ],
      },
    });
    const stored = env.coll('events').find({}, { order: { at: 1 } }) as Array<Record<string, unknown>>;
    const receivedAt = stored[0]?.receivedAt as number;
    expect(receivedAt).toBeGreaterThanOrEqual(now);
    expect(stored.map(({ _id, ...e }) => e)).toEqual([
      { type: 'page_view', page: 'pages/index/index', at: now - 2000, session: 's1', openid: 'o-alice', receivedAt },
      { type: 'add_to_cart', goodsId: 'g1', skuId: 'k1', quantity: 1, at: now - 500, openid: 'o-alice', receivedAt },
    ]);
    // one insert request for the whole batch, no reads
    expect(await env.quota(invocationId)).toMatchObject({ dbReadRequests: 0, dbWriteRequests: 1, dbWriteDocs: 2 });
  });

  it('refuses a batch that is not a list of at most 200 events, and a caller without an openid', async () => {
    const empty = await env.call('analytics', 'track.batch', { events: [] }, 'o-alice');
    expect(empty.reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const tooLong = await env.call('analytics', 'track.batch', { events: Array.from({ length: 201 }, () => ({})) }, 'o-alice');
    expect(tooLong.reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const anonymous = await env.call('analytics', 'track.batch', { events: [{ type: 'checkout_start', at: env.emu.clock.now() }] }, '');
    expect(anonymous.reply).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(env.coll('events').find({})).toHaveLength(2);
  });

  it('stores nothing and still answers when every event is refused', async () => {
    const { reply } = await env.call('analytics', 'track.batch', { events: [{ type: 'refunded', at: 1 }, 'x'] }, 'o-bob');
    expect(reply).toMatchObject({ ok: true, data: { accepted: 0 } });
    expect(env.coll('events').find({ openid: 'o-bob' })).toHaveLength(0);
  });
});

import { MAX_AGE_MS, MAX_BATCH_EVENTS, MAX_SKEW_MS, sortBatch, toStoredEvent } from './batch-validator';

const NOW = 1_775_000_000_000;
const view = (over: Record<string, unknown> = {}) => ({ type: 'goods_view', goodsId: 'g1', at: NOW - 1000, ...over });

describe('sortBatch', () => {
  it('keeps every valid client event type', () => {
    const events = [
      { type: 'page_view', page: 'pages/index/index', at: NOW, session: 's1' },
      view(),
      { type: 'add_to_cart', goodsId: 'g1', skuId: 'k1', quantity: 2, at: NOW },
      { type: 'checkout_start', at: NOW },
      { type: 'share', target: 'group', goodsId: 'g1', at: NOW },
      { type: 'search', keyword: ' 拿铁 ', at: NOW },
    ];
    const out = sortBatch(events, NOW);
    expect(out.refused).toEqual([]);
    expect(out.accepted).toHaveLength(6);
    expect(out.accepted[5]).toEqual({ type: 'search', keyword: '拿铁', at: NOW });
  });

  it('refuses forged events (server event types, server-only fields) and keeps the good ones', () => {
    const out = sortBatch(
      [
        view(),
        { type: 'paid', orderId: 'o1', amountFen: 100, at: NOW },
        { type: 'refunded', at: NOW },
        view({ openid: 'o-someone-else' }),
        view({ amountFen: 1 }),
        { type: 'completed', at: NOW },
        view({ goodsId: 'g2' }),
      ],
      NOW,
    );
    expect(out.accepted.map((e) => (e as { goodsId: string }).goodsId)).toEqual(['g1', 'g2']);
    expect(out.refused.map((r) => [r.index, r.reason])).toEqual([[1, 'forged'], [2, 'forged'], [3, 'forged'], [4, 'forged'], [5, 'forged']]);
    expect(out.refused[2].detail).toContain('openid');
  });

  it('refuses malformed events naming the field', () => {
    const out = sortBatch(
      [null, 'page_view', [1], { type: 'teleport', at: NOW }, view({ goodsId: '' }), view({ at: 'yesterday' }), view({ extra: 1 }),
        { type: 'add_to_cart', goodsId: 'g1', skuId: 'k1', quantity: 0, at: NOW }, { type: 'page_view', page: 'javascript:alert(1)', at: NOW }],
      NOW,
    );
    expect(out.accepted).toEqual([]);
    expect(out.refused.every((r) => r.reason === 'malformed')).toBe(true);
    expect(out.refused).toHaveLength(9);
    expect(out.refused[4].detail).toMatch(/^goodsId: /);
    expect(out.refused[5].detail).toMatch(/^at: /);
    expect(out.refused[6].detail).toMatch(/extra/);
    expect(out.refused[7].detail).toMatch(/^quantity: /);
  });

  it('refuses oversized events and events beyond the batch limit', () => {
    const big = view({ session: 'x'.repeat(60), goodsId: 'g'.repeat(64) });
    const huge = { type: 'search', keyword: '字'.repeat(60), at: NOW, junk: 'y'.repeat(5000) };
    const many = Array.from({ length: MAX_BATCH_EVENTS + 3 }, () => view());
    const out = sortBatch([huge, big, ...many], NOW);
    expect(out.refused[0]).toMatchObject({ index: 0, reason: 'oversized' });
    expect(out.accepted).toHaveLength(MAX_BATCH_EVENTS - 1);
    expect(out.refused.filter((r) => r.reason === 'oversized').map((r) => r.index)).toEqual([0, 50, 51, 52, 53, 54]);
  });

  it('refuses stale and future times', () => {
    const out = sortBatch([view({ at: NOW - MAX_AGE_MS - 1 }), view({ at: NOW + MAX_SKEW_MS + 1 }), view({ at: NOW + MAX_SKEW_MS })], NOW);
    expect(out.refused.map((r) => r.reason)).toEqual(['stale', 'future']);
    expect(out.accepted).toHaveLength(1);
  });

  it('stores an event with the caller and the receive time', () => {
    expect(toStoredEvent({ type: 'checkout_start', at: NOW - 5 }, 'o-me', NOW)).toEqual({ type: 'checkout_start', at: NOW - 5, openid: 'o-me', receivedAt: NOW });
  });
});

import { dimensionShares } from './channels';
import { rollupDay } from './daily-rollup';
import { at, HISTORY } from './hand-made-history';

const NOW = at('2026-04-07', '02:00');
const DAYS = ['2026-03-30', '2026-03-31', '2026-04-01'].map((d) => rollupDay(d, HISTORY, { now: NOW }));

describe('channels and shares (hand-worked values)', () => {
  it('per channel, with shares of the totals (6 visits, 4 new users, 4 orders, 13000 fen)', () => {
    const rows = dimensionShares(DAYS, 'channels');
    expect(rows.map(({ share, ...r }) => r)).toEqual([
      { key: 'qr', visits: 2, visitors: 2, newUsers: 1, orders: 2, gmvFen: 7000 },
      { key: 'search', visits: 1, visitors: 1, newUsers: 1, orders: 1, gmvFen: 5000 },
      { key: 'direct', visits: 2, visitors: 2, newUsers: 1, orders: 1, gmvFen: 1000 },
      { key: 'share', visits: 1, visitors: 1, newUsers: 1, orders: 0, gmvFen: 0 },
    ]);
    expect(rows[0].share).toEqual({ visits: 2 / 6, newUsers: 1 / 4, orders: 2 / 4, gmvFen: 7000 / 13000 });
    expect(rows[3].share).toEqual({ visits: 1 / 6, newUsers: 1 / 4, orders: 0, gmvFen: 0 });
  });

  it('per scene, per QR code and per referrer (what each share brought)', () => {
    expect(dimensionShares(DAYS, 'scenes').map((r) => [r.key, r.visits, r.gmvFen])).toEqual([
      ['1047', 2, 7000], ['1053', 1, 5000], ['1001', 2, 1000], ['1007', 1, 0],
    ]);
    expect(dimensionShares(DAYS, 'qrCodes')).toEqual([
      { key: 'Q1', visits: 2, visitors: 2, newUsers: 1, orders: 2, gmvFen: 7000, share: { visits: 1, newUsers: 1, orders: 1, gmvFen: 1 } },
    ]);
    expect(dimensionShares(DAYS, 'referrers')).toEqual([
      { key: 'rA', visits: 1, visitors: 1, newUsers: 1, orders: 0, gmvFen: 0, share: { visits: 1, newUsers: 1, orders: 0, gmvFen: 0 } },
    ]);
    expect(dimensionShares([], 'channels')).toEqual([]);
  });
});

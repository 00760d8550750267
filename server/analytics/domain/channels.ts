/**
 * Channels and sharing: visits, visitors, new users, orders and GMV per value of a dimension (channel, scene, QR
 * code, referrer) over some days, with each value's share of the total. For shares, the `referrers` dimension says
 * how many visits and new users each sharer's links brought. Reads the daily rollups only.
 */
import type { DailyRollup, DimensionRow } from '../../../typings/shop/analytics';

export type Dimension = 'channels' | 'scenes' | 'qrCodes' | 'referrers';

export interface ShareRow extends DimensionRow {
  share: { visits: number; newUsers: number; orders: number; gmvFen: number };
}

const ratio = (n: number, d: number) => (d ? n / d : 0);

/** Rows summed over the days (visitors summed per day), sorted by GMV then visits, descending, then key. */
export function dimensionShares(rollups: ReadonlyArray<Pick<DailyRollup, Dimension>>, dimension: Dimension): ShareRow[] {
  const sums = new Map<string, DimensionRow>();
  for (const r of rollups) {
    for (const row of r[dimension]) {
      const s = sums.get(row.key) ?? { key: row.key, visits: 0, visitors: 0, newUsers: 0, orders: 0, gmvFen: 0 };
      s.visits += row.visits;
      s.visitors += row.visitors;
      s.newUsers += row.newUsers;
      s.orders += row.orders;
      s.gmvFen += row.gmvFen;
      sums.set(row.key, s);
    }
  }
  const rows = [...sums.values()];
  const total = rows.reduce(
    (t, r) => ({ visits: t.visits + r.visits, newUsers: t.newUsers + r.newUsers, orders: t.orders + r.orders, gmvFen: t.gmvFen + r.gmvFen }),
    { visits: 0, newUsers: 0, orders: 0, gmvFen: 0 },
  );
  return rows
    .sort((a, b) => b.gmvFen - a.gmvFen || b.visits - a.visits || (a.key < b.key ? -1 : 1))
    .map((r) => ({
      ...r,
      share: {
        visits: ratio(r.visits, total.visits),
        newUsers: ratio(r.newUsers, total.newUsers),
        orders: ratio(r.orders, total.orders),
        gmvFen: ratio(r.gmvFen, total.gmvFen),
      },
    }));
}

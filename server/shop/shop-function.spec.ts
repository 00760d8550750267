import { createLogger, type ActionContext } from '../lib';
import { DEFAULT_SHOP_SETTINGS } from '../domain/shop-settings';
import { shopFunction } from './shop-function';

/** A database double answering `collection(name).where(q).limit(n).get()` from a fixed behaviour. */
function fakeDb(get: () => Promise<{ data: unknown[] }>) {
  const seen: Array<{ collection: string; where: unknown; limit: number }> = [];
  const db = {
    collection: (collection: string) => ({
      where: (where: unknown) => ({
        limit: (limit: number) => ({
          get: () => {
            seen.push({ collection, where, limit });
            return get();
          },
        }),
      }),
    }),
  };
  return { db: db as unknown as ActionContext['db'], seen };
}

function ctx(db: ActionContext['db']): ActionContext {
  return {
    openid: 'o-1',
    appid: 'wx1',
    unionid: '',
    source: 'wx_client',
    requestId: 'r',
    db,
    now: () => 1_750_000_000_000,
    log: createLogger({}, () => undefined),
  };
}

describe('shop function', () => {
  it('ping answers pong and the context clock', async () => {
    await expect(shopFunction.handle({ action: 'ping' }, ctx(fakeDb(async () => ({ data: [] })).db))).resolves.toEqual({
      ok: true,
      data: { pong: true, at: 1_750_000_000_000 },
    });
  });

  it('settings.get reads shop_settings/default with one query', async () => {
    const { db, seen } = fakeDb(async () => ({ data: [{ _id: 'default', name: '街角咖啡', phone: '021-1' }] }));
    const out = await shopFunction.handle({ action: 'settings.get', input: {} }, ctx(db));
    expect(out).toEqual({ ok: true, data: { ...DEFAULT_SHOP_SETTINGS, name: '街角咖啡', phone: '021-1' } });
    expect(seen).toEqual([{ collection: 'shop_settings', where: { _id: 'default' }, limit: 1 }]);
  });

  it('settings.get answers the defaults when the document or the collection is missing', async () => {
    const none = fakeDb(async () => ({ data: [] }));
    await expect(shopFunction.handle({ action: 'settings.get' }, ctx(none.db))).resolves.toEqual({ ok: true, data: DEFAULT_SHOP_SETTINGS });
    const missing = fakeDb(async () => {
      throw { errCode: -502005, errMsg: 'collection.get:fail -502005 database collection not exists' };
    });
    await expect(shopFunction.handle({ action: 'settings.get' }, ctx(missing.db))).resolves.toEqual({ ok: true, data: DEFAULT_SHOP_SETTINGS });
  });

  it('settings.get turns any other database failure into INTERNAL', async () => {
    const broken = fakeDb(async () => {
      throw { errCode: -501001, errMsg: 'system error' };
    });
    await expect(shopFunction.handle({ action: 'settings.get' }, ctx(broken.db))).resolves.toMatchObject({ ok: false, code: 'INTERNAL' });
  });

  it('refuses input on actions that take none', async () => {
    const out = await shopFunction.handle({ action: 'settings.get', input: { name: 'x' } }, ctx(fakeDb(async () => ({ data: [] })).db));
    expect(out).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

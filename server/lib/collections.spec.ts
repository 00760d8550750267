import { COLLECTIONS, ensureCollections, isCollectionMissing } from './collections';

describe('ensureCollections', () => {
  it('creates each collection and ignores the ones that already exist', async () => {
    const existing = new Set(['shop_settings']);
    const asked: string[] = [];
    const db = {
      createCollection: async (name: string) => {
        asked.push(name);
        if (existing.has(name)) {
          // what the real cloud answers
          throw new Error('createCollection:fail -501001 resource system error. [ResourceUnavailable.ResourceExist] Table exist. DATABASE_COLLECTION_ALREADY_EXIST');
        }
        existing.add(name);
        return { errMsg: 'createCollection:ok' };
      },
    };
    await expect(ensureCollections(db, ['shop_settings', 'goods'])).resolves.toEqual(['goods']);
    expect(asked).toEqual(['shop_settings', 'goods']);
    await expect(ensureCollections(db, ['goods'])).resolves.toEqual([]);
  });

  it('lists shop_settings by default and rethrows other failures', async () => {
    expect(COLLECTIONS).toContain('shop_settings');
    const db = {
      createCollection: async () => {
        throw { errCode: -501001, errMsg: 'createCollection:fail permission denied' };
      },
    };
    await expect(ensureCollections(db)).rejects.toMatchObject({ errMsg: 'createCollection:fail permission denied' });
  });
});

describe('isCollectionMissing', () => {
  it('recognises the SDK errCode and the TCB code, and nothing else', () => {
    expect(isCollectionMissing({ errCode: -502005, errMsg: 'x' })).toBe(true);
    expect(isCollectionMissing({ code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'x' })).toBe(true);
    expect(isCollectionMissing({ errCode: -501001, errMsg: 'system error' })).toBe(false);
    expect(isCollectionMissing(undefined)).toBe(false);
  });
});

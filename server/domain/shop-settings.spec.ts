import { DEFAULT_SHOP_SETTINGS, readShopSettings } from './shop-settings';

describe('readShopSettings', () => {
  it('answers the defaults for no document', () => {
    expect(readShopSettings(undefined)).toEqual(DEFAULT_SHOP_SETTINGS);
    expect(readShopSettings(null)).toEqual(DEFAULT_SHOP_SETTINGS);
    expect(readShopSettings([1, 2])).toEqual(DEFAULT_SHOP_SETTINGS);
  });

  it('keeps stored fields, drops unknown ones (_id included) and fills the rest', () => {
    const s = readShopSettings({ _id: 'default', name: '街角咖啡', notice: '周一休息', shipping: { flatFeeFen: 500 }, secret: 'x' });
    expect(s).toEqual({ ...DEFAULT_SHOP_SETTINGS, name: '街角咖啡', notice: '周一休息', shipping: { flatFeeFen: 500, freeOverFen: 0 } });
    expect(s).not.toHaveProperty('_id');
    expect(s).not.toHaveProperty('secret');
  });

  it('falls back field by field on wrong types, blank names, fractional or negative fen', () => {
    const s = readShopSettings({
      name: '   ',
      phone: 13800000000,
      currency: 'USD',
      pickupEnabled: 'yes',
      shipping: { flatFeeFen: 1.5, freeOverFen: -1 },
    });
    expect(s.name).toBe(DEFAULT_SHOP_SETTINGS.name);
    expect(s.phone).toBe('');
    expect(s.currency).toBe('CNY');
    expect(s.pickupEnabled).toBe(true);
    expect(s.shipping).toEqual({ flatFeeFen: 0, freeOverFen: 0 });
  });
});

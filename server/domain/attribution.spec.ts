import type { Touch } from '../../typings/shop/attribution';
import {
  channelForScene,
  decodeCompactParams,
  encodeCompactParams,
  isInformativeTouch,
  launchParams,
  mergeTouch,
  parseLaunch,
} from './attribution';

describe('channelForScene', () => {
  it.each([
    [1011, 'qr'], [1012, 'qr'], [1013, 'qr'], [1047, 'qr'], [1048, 'qr'], [1049, 'qr'],
    [1007, 'share'], [1008, 'share'], [1036, 'share'],
    [1005, 'search'], [1006, 'search'], [1053, 'search'],
    [1035, 'official_account'], [1043, 'official_account'], [1058, 'official_account'], [1082, 'official_account'],
    [1001, 'direct'], [1089, 'direct'],
    [1034, 'other'], [1037, 'other'], [9999, 'other'],
  ])('%d → %s', (scene, channel) => expect(channelForScene(scene)).toBe(channel));
});

describe('compact parameters', () => {
  it('encodes in a fixed key order within 32 characters', () => {
    expect(encodeCompactParams({ campaign: 'poster', table: '5', store: '1', referrer: 'ab12' })).toBe('s=1&t=5&r=ab12&c=poster');
    expect(encodeCompactParams({})).toBe('');
  });

  it('refuses values with other characters and scenes over 32 characters', () => {
    expect(() => encodeCompactParams({ store: 'a&b' })).toThrow(RangeError);
    expect(() => encodeCompactParams({ table: '五' })).toThrow(RangeError);
    expect(() => encodeCompactParams({ store: 'store-number-one', campaign: 'summer-poster-2024' })).toThrow(/32/);
  });

  it('decodes leniently', () => {
    expect(decodeCompactParams('s=1&t=5&k=Q9&r=ab12&c=poster')).toEqual({ store: '1', table: '5', qr: 'Q9', referrer: 'ab12', campaign: 'poster' });
    expect(decodeCompactParams('s=1&s=2&x=9&t=&=3&junk&c=a b')).toEqual({ store: '1' });
    expect(decodeCompactParams('')).toEqual({});
  });

  it('round-trips', () => {
    const params = { store: '12', table: 'A3', qr: 'q7', referrer: 'Zx9', campaign: 'p' };
    expect(decodeCompactParams(encodeCompactParams(params))).toEqual(params);
  });
});

describe('parseLaunch', () => {
  const at = 1_700_000_000_000;

  it('reads a mini-program code scene (percent-encoded by WeChat)', () => {
    const touch = parseLaunch({ scene: 1047, query: { scene: encodeURIComponent('s=1&t=5&c=poster&r=ab12') } }, at);
    expect(touch).toEqual({ at, scene: 1047, channel: 'qr', store: '1', table: '5', campaign: 'poster', referrer: 'ab12' });
  });

  it('reads an ordinary QR code link from q', () => {
    const q = encodeURIComponent('https://shop.example.com/mp?s=2&t=8&k=T8#x');
    expect(parseLaunch({ scene: 1011, query: { q } }, at)).toEqual({ at, scene: 1011, channel: 'qr', store: '2', table: '8', qr: 'T8' });
  });

  it('reads share paths from the page query', () => {
    expect(parseLaunch({ scene: 1007, query: { r: 'ab12', c: 'share', id: 'goods1' } }, at)).toEqual({
      at, scene: 1007, channel: 'share', referrer: 'ab12', campaign: 'share',
    });
  });

  it('prefers the code scene over q over the page query', () => {
    const params = launchParams({ scene: 's=1', q: encodeURIComponent('https://x/?s=2&t=2'), s: '3', t: '3', c: 'c3' });
    expect(params).toEqual({ store: '1', table: '2', campaign: 'c3' });
  });

  it('survives garbage', () => {
    expect(parseLaunch({ scene: 1047, query: { scene: '%E0%A4%A' } }, at)).toEqual({ at, scene: 1047, channel: 'qr' });
    expect(parseLaunch({ scene: NaN as unknown as number }, at)).toEqual({ at, scene: 1000, channel: 'other' });
    expect(parseLaunch({ scene: 1089, query: undefined }, at)).toEqual({ at, scene: 1089, channel: 'direct' });
    expect(parseLaunch({ scene: 1011, query: { q: 'not-a-url' } }, at)).toEqual({ at, scene: 1011, channel: 'qr' });
  });
});

describe('first/last touch', () => {
  const t = (at: number, over: Partial<Touch> = {}): Touch => ({ at, scene: 1047, channel: 'qr', ...over });
  const direct = (at: number): Touch => ({ at, scene: 1089, channel: 'direct' });

  it('knows which touches are informative', () => {
    expect(isInformativeTouch(t(1))).toBe(true);
    expect(isInformativeTouch(direct(1))).toBe(false);
    expect(isInformativeTouch({ ...direct(1), referrer: 'x' })).toBe(true);
    expect(isInformativeTouch({ at: 1, scene: 1034, channel: 'other' })).toBe(false);
  });

  it('sets both on the first touch, even an uninformative one', () => {
    expect(mergeTouch(null, direct(1))).toEqual({ firstTouch: direct(1), lastTouch: direct(1), changed: true });
  });

  it('keeps the first touch and moves the last touch on informative touches only', () => {
    const user = { firstTouch: t(1, { store: '1' }), lastTouch: t(1, { store: '1' }) };
    const shared = t(5, { scene: 1007, channel: 'share', referrer: 'ab' });
    expect(mergeTouch(user, shared)).toEqual({ firstTouch: user.firstTouch, lastTouch: shared, changed: true });
    expect(mergeTouch(user, direct(9))).toEqual({ ...user, changed: false });
  });
});

/**
 * The user actions of the BUILT `shop` function on the emulator: visits, first/last touch (also under concurrent
 * first visits), staff detection, and the profile. The stored documents are checked through the emulator's
 * in-process database API.
 */
import { STAFF_OPENID } from '../../../server/catalogue/__fixtures__/cafe-catalogue';
import { useCafeEmulator } from '../../../test/cafe-emulator';
import { callFunction } from '../../../test/function-client';

const cafe = useCafeEmulator();

async function shop(openid: string, action: string, input?: unknown) {
  return (await callFunction(cafe.emu, 'shop', { action, input }, openid)).reply;
}

const tableQr = (table: string) => ({ scene: 1047, query: { scene: encodeURIComponent(`s=1&t=${table}`) } });
const userDoc = (openid: string) => cafe.db.collection('users').byId(openid) as Record<string, any> | null;
const visits = (openid: string) => cafe.db.collection('visits').find({ openid });

describe('user.enter', () => {
  it('creates the user on the first visit with the launch as first and last touch, and logs the visit', async () => {
    const reply = await shop('o-alice', 'user.enter', { ...tableQr('5'), referrerFrom: 'wx-other-app' });
    expect(reply).toMatchObject({ ok: true, data: { isNew: true, isStaff: false } });
    const touch = { at: expect.any(Number), scene: 1047, channel: 'qr', store: '1', table: '5' };
    expect(reply.data.user).toEqual({ nickname: '', avatarFileId: '', createdAt: expect.any(Number), firstTouch: touch, lastTouch: touch });
    expect(userDoc('o-alice')).toMatchObject({ _id: 'o-alice', firstTouch: touch, lastTouch: touch });
    expect(visits('o-alice')).toEqual([expect.objectContaining({ openid: 'o-alice', touch, referrerFrom: 'wx-other-app' })]);
  });

  it('keeps the first touch; a plain reopen keeps the last touch; an informative one replaces it whole', async () => {
    const first = userDoc('o-alice')!.firstTouch;
    const reopen = await shop('o-alice', 'user.enter', { scene: 1001, query: {} });
    expect(reopen.data).toMatchObject({ isNew: false, user: { firstTouch: first, lastTouch: first } });
    expect(userDoc('o-alice')!.lastTouch).toEqual(first);

    const shared = await shop('o-alice', 'user.enter', { scene: 1007, query: { r: 'ab12', c: 'share' } });
    const sharedTouch = { at: expect.any(Number), scene: 1007, channel: 'share', referrer: 'ab12', campaign: 'share' };
    expect(shared.data.user).toMatchObject({ firstTouch: first, lastTouch: sharedTouch });
    // replaced as a whole: no store/table left over from the QR touch
    expect(userDoc('o-alice')).toMatchObject({ firstTouch: first, lastTouch: sharedTouch });
    expect(userDoc('o-alice')!.lastTouch).not.toHaveProperty('table');
    expect(visits('o-alice')).toHaveLength(3);
  });

  it('under concurrent first visits exactly one creates the user and its first touch stands', async () => {
    const openid = 'o-racer';
    const tables = ['1', '2', '3', '4', '5', '6', '7', '8'];
    // warm one instance per caller first, so the visits below really run at the same time
    await Promise.all(tables.map((t) => shop(`o-warm-${t}`, 'ping', {})));
    const replies = await Promise.all(tables.map((t) => shop(openid, 'user.enter', tableQr(t))));
    expect(replies.every((r) => r.ok)).toBe(true);
    const created = replies.filter((r) => r.data.isNew);
    expect(created).toHaveLength(1);
    const stored = userDoc(openid)!;
    expect(stored.firstTouch).toEqual(created[0].data.user.firstTouch);
    for (const r of replies) expect(r.data.user.firstTouch).toEqual(stored.firstTouch);
    expect(cafe.db.collection('users').count({ _id: openid })).toBe(1);
    expect(visits(openid)).toHaveLength(tables.length);

    await shop(openid, 'user.enter', tableQr('99'));
    expect(userDoc(openid)!.firstTouch).toEqual(stored.firstTouch);
    expect(userDoc(openid)!.lastTouch.table).toBe('99');
  });

  it('tells staff apart', async () => {
    await expect(shop(STAFF_OPENID, 'user.enter', { scene: 1001, query: {} })).resolves.toMatchObject({ ok: true, data: { isStaff: true } });
    await expect(shop(STAFF_OPENID, 'user.me', {})).resolves.toMatchObject({ ok: true, data: { isStaff: true, user: { nickname: '' } } });
    await expect(shop('o-nobody', 'user.me', {})).resolves.toEqual({ ok: true, data: { user: null, isStaff: false } });
  });

  it('refuses bad launches with INVALID_INPUT and records nothing', async () => {
    const openid = 'o-bad-launch';
    for (const input of [
      {},
      { scene: 1047 },
      { query: {} },
      { scene: -1, query: {} },
      { scene: 1.5, query: {} },
      { scene: '1047', query: {} },
      { scene: 1047, query: { t: 5 } },
      { scene: 1047, query: 'q=1' },
      { scene: 1047, query: {}, referrerFrom: '' },
      { scene: 1047, query: {}, openid: 'o-forged' },
    ]) {
      await expect(shop(openid, 'user.enter', input)).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(userDoc(openid)).toBeNull();
    expect(visits(openid)).toEqual([]);
  });

  it('answers UNAUTHENTICATED without an openid', async () => {
    await expect(shop('', 'user.enter', { scene: 1001, query: {} })).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('user.updateProfile', () => {
  const avatar = 'cloud://local.6c6f-local-1250000000/avatars/o-bob.png';

  it('sets a trimmed nickname and a cloud avatar', async () => {
    await shop('o-bob', 'user.enter', { scene: 1001, query: {} });
    const reply = await shop('o-bob', 'user.updateProfile', { nickname: '  小明 🍵 ', avatarFileId: avatar });
    expect(reply).toMatchObject({ ok: true, data: { nickname: '小明 🍵', avatarFileId: avatar } });
    expect(userDoc('o-bob')).toMatchObject({ nickname: '小明 🍵', avatarFileId: avatar });
    const nickOnly = await shop('o-bob', 'user.updateProfile', { nickname: '二十个字'.repeat(5) });
    expect(nickOnly).toMatchObject({ ok: true, data: { nickname: '二十个字'.repeat(5), avatarFileId: avatar } });
    await expect(shop('o-bob', 'user.me', {})).resolves.toMatchObject({ ok: true, data: { user: { nickname: '二十个字'.repeat(5), avatarFileId: avatar } } });
  });

  it('refuses bad profiles with INVALID_INPUT and changes nothing', async () => {
    const before = userDoc('o-bob');
    for (const input of [
      {},
      { nickname: '' },
      { nickname: '    ' },
      { nickname: 'x'.repeat(21) },
      { nickname: 'a\u0007b' },
      { nickname: 7 },
      { avatarFileId: 'https://evil.example.com/a.png' },
      { avatarFileId: 'cloud://' },
      { avatarFileId: 'wxfile://tmp_abc.png' },
      { nickname: 'ok', openid: 'o-alice' },
    ]) {
      await expect(shop('o-bob', 'user.updateProfile', input)).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(userDoc('o-bob')).toEqual(before);
  });

  it('answers PRECONDITION_FAILED for a caller who never entered', async () => {
    await expect(shop('o-ghost', 'user.updateProfile', { nickname: '幽灵' })).resolves.toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
    expect(userDoc('o-ghost')).toBeNull();
  });
});

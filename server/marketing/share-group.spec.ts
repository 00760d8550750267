/** The group of a share cloud id, with a double of cloud.getOpenData: what counts as proof, and what is refused. */
import { AppError } from '../lib/errors';
import { shareGroupId, type OpenDataReader } from './share-group';

const reader = (answer: () => Promise<unknown>): OpenDataReader => ({ getOpenData: answer });
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : `threw ${String(e)}`;
  }
};

it('answers the openGId of the cloud id the platform resolved', async () => {
  const r = reader(async () => ({ errCode: 0, list: [{ cloudID: 'c1', data: { openGId: 'G1', watermark: { timestamp: 1, appid: 'wx' } } }] }));
  await expect(shareGroupId('c1', r)).resolves.toBe('G1');
});

it('refuses what the platform refuses, an answer for another id, and share data without a group', async () => {
  const refused = (errCode: number) => reader(async () => Promise.reject(Object.assign(new Error('x'), { errCode })));
  expect(await codeOf(shareGroupId('c1', refused(-601005)))).toBe('FORBIDDEN');
  expect(await codeOf(shareGroupId('c1', refused(-601007)))).toBe('FORBIDDEN');
  expect(await codeOf(shareGroupId('c1', reader(async () => ({ list: [{ cloudID: 'other', data: { openGId: 'G1' } }] }))))).toBe('FORBIDDEN');
  expect(await codeOf(shareGroupId('c1', reader(async () => ({ list: [] }))))).toBe('FORBIDDEN');
  expect(await codeOf(shareGroupId('c1', reader(async () => ({ list: [{ cloudID: 'c1', data: { stepInfoList: [] } }] }))))).toBe('PRECONDITION_FAILED');
  expect(await codeOf(shareGroupId('c1', reader(async () => ({ list: [{ cloudID: 'c1', data: { openGId: '' } }] }))))).toBe('PRECONDITION_FAILED');
});

it('lets an unexpected failure (no errCode: network, bug) through as itself', async () => {
  expect(await codeOf(shareGroupId('c1', reader(async () => Promise.reject(new Error('socket hang up')))))).toBe('threw Error: socket hang up');
});

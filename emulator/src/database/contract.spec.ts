/**
 * Wire contract: the actions the service answers, errors naming unknown actions and operators, and the quota
 * meters (counted per invocation through the wxCloudApiToken the SDK sends).
 */
import type { EmulatorService } from '../core/service';
import type { InvocationInfo } from '../core/contracts';
import { postAction, rejection, startDbEmulator, type DbTestContext } from './spec-helpers';

const TOKEN = 'tok-quota';

/** Stands in for the functions runtime: knows the invocation that owns TOKEN. */
const fakeFunctions = (): EmulatorService & { byToken(t: string | undefined): InvocationInfo | undefined } => ({
  name: 'functions',
  byToken: (tok) => (tok === TOKEN ? { id: 'inv-1', functionName: 'f', identity: {}, startedAt: 0 } : undefined),
});

let t: DbTestContext;

beforeAll(async () => {
  t = await startDbEmulator({ token: TOKEN, extraServices: [fakeFunctions], indexes: { collections: { c: [] } } });
});

afterAll(async () => {
  await t?.stop();
});

it('answers exactly the database actions wx-server-sdk 4.0.2 sends', () => {
  expect(t.emu.supportedActions()).toEqual([
    'database.abortTransaction',
    'database.addCollection',
    'database.aggregateDocuments',
    'database.calculateDocument',
    'database.commitTransaction',
    'database.getDocument',
    'database.insertDocument',
    'database.modifyDocument',
    'database.removeDocument',
    'database.startTransaction',
  ]);
});

it('an unknown action posted to /admin answers an error naming the action', async () => {
  const res = await postAction(t.emu, { action: 'database.getInTransaction', collectionName: 'c' });
  expect(res.code).toBe('INVALID_ACTION');
  expect(res.message).toContain('database.getInTransaction');
});

it('unknown query and update operators are named in the error (DATABASE_INVALID_OPERRATOR → -502002)', async () => {
  const q = await rejection(t.db.collection('c').where({ a: { $frob: 1 } }).get());
  expect(q.errCode).toBe(-502002);
  expect(q.errMsg).toContain('$frob');
  const u = await rejection(t.db.collection('c').where({}).update({ data: { $twiddle: { a: 1 } } }));
  expect(u.errCode).toBe(-502002);
  expect(u.errMsg).toContain('$twiddle');
  const top = await postAction(t.emu, { action: 'database.getDocument', collectionName: 'c', queryType: 'WHERE', query: '{"$whatever":[]}' });
  expect(top.code).toBe('DATABASE_INVALID_OPERRATOR');
  expect(top.message).toContain('$whatever');
});

it('bad EJSON and bad parameters are INVALID_PARAM', async () => {
  const res = await postAction(t.emu, { action: 'database.getDocument', collectionName: 'c', queryType: 'WHERE', query: '{not json' });
  expect(res.code).toBe('INVALID_PARAM');
  const noName = await postAction(t.emu, { action: 'database.insertDocument', data: ['{}'] });
  expect(noName.code).toBe('INVALID_PARAM');
  const stored = await postAction(t.emu, { action: 'database.insertDocument', collectionName: 'c', data: ['{"$bad":1}'] });
  expect(stored.code).toBe('INVALID_PARAM');
});

it('quota: requests, documents read (returned) and documents written (changed), per invocation', async () => {
  t.emu.quota.reset();
  const c = t.db.collection('c');
  const _ = t._;
  await c.add({ data: [{ _id: 'q1', g: 1 }, { _id: 'q2', g: 1 }, { _id: 'q3', g: 2 }] }); // write 1 req, 3 docs
  await c.where({ g: 1 }).get(); // read 1 req, 2 docs
  await c.count(); // read 1 req, 1 doc
  await c.doc('q3').get(); // read 1 req, 1 doc
  await c.where({}).update({ data: { g: 1 } }); // write 1 req, 1 doc actually changed (q3)
  await c.doc('q1').remove(); // write 1 req, 1 doc
  await t.db.runTransaction(async (tx: any) => {
    await tx.collection('c').doc('q2').update({ data: { g: _.inc(1) } }); // write 1 req, docs counted at commit
  }); // commit: write 1 req, 1 doc
  const expected = { dbReadRequests: 3, dbReadDocs: 4, dbWriteRequests: 5, dbWriteDocs: 6 };
  expect(t.emu.quota.totals()).toMatchObject(expected);
  expect(t.emu.quota.forInvocation('inv-1')).toMatchObject(expected);
});

it('the status page lists collections, counts and the latest documents, escaped', async () => {
  await t.db.collection('c').add({ data: { _id: 'html', text: '<script>x</script>' } });
  const html = await (await fetch(`${t.emu.baseUrl}/`)).text();
  expect(html).toContain('Database');
  expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  expect(html).not.toContain('<script>x</script>');
});

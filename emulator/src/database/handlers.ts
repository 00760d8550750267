/**
 * The TCB `database.*` actions wx-server-sdk 4.0.2 / @cloudbase/node-sdk send (shapes: shared notes §1).
 *
 * Quota rule (what the meters count): every successful request counts one dbReadRequests / dbWriteRequests;
 * dbReadDocs counts the documents returned (a count() or an empty result counts 1, as one result is read),
 * dbWriteDocs counts the documents actually inserted, changed or removed (a transaction's at commit).
 */
import type { ActionHandler, ActionRequest } from '../core/service';
import type { QuotaKind } from '../quota/meters';
import { newId } from '../core/ids';
import { runPipeline, type Pipeline } from './aggregate';
import { assertStorable, decodeWire, decodeWireObject, encodeWire } from './ejson';
import type { Engine } from './engine';
import { collectionExists, collectionNotExist, duplicateKey, invalidParam } from './errors';
import { compileFilter, normalizeLimit, normalizeOffset, normalizeOrder, shapeResults } from './query';
import type { ReadView, Store, WriteOp } from './store';
import type { Transaction, TransactionManager } from './transactions';
import { applyUpdate, buildUpsertDoc, parseUpdate } from './update';
import { idKey, isPlainObject, sameValue, showId, type Doc } from './values';

export interface DbRuntime {
  readonly engine: Engine;
  readonly store: Store;
  readonly txs: TransactionManager;
  now(): number;
  readonly autoCreateCollections: boolean;
  count(kind: QuotaKind, n: number, token: string | undefined): void;
}

const COLLECTION_NAME = /^[^$\0][^\0]{0,127}$/;

export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw invalidParam(`invalid collection name ${JSON.stringify(name)}: 1-128 characters, not starting with "$"`);
  }
  return name;
}

export function checkId(id: unknown): void {
  const ok = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (!ok) throw invalidParam(`_id must be a string or a number, got ${JSON.stringify(id)}`);
}

interface Change {
  key: string;
  doc: Doc | null;
}

export function databaseActions(rt: DbRuntime): Record<string, ActionHandler> {
  const txOf = (body: Record<string, unknown>): Transaction | null =>
    body.transactionId === undefined || body.transactionId === null || body.transactionId === '' ? null : rt.txs.get(body.transactionId);

  const viewOf = (tx: Transaction | null): ReadView => (tx ? rt.txs.view(tx) : rt.store);

  /** True if the collection exists; creates it for writes with autoCreateCollections; else throws (real behaviour). */
  const collectionReady = (c: string, forWrite: boolean): boolean => {
    if (rt.store.hasCollection(c)) return true;
    if (!rt.autoCreateCollections) throw collectionNotExist(c);
    if (forWrite) {
      rt.engine.commit([{ op: 'create', c }]);
      return true;
    }
    return false;
  };

  /** Applies changes now, or buffers them in the transaction (after checking unique indexes against them). */
  const write = (tx: Transaction | null, c: string, changes: Change[]): void => {
    if (!changes.length) return;
    const toOps = (list: Change[]): WriteOp[] =>
      list.map((ch) => (ch.doc ? { op: 'put', c, doc: ch.doc } : { op: 'del', c, key: ch.key }));
    if (!tx) {
      rt.engine.commit(toOps(changes.filter((ch) => ch.doc || rt.store.byKey(c, ch.key))));
      return;
    }
    // check unique indexes now (against committed data + this transaction's writes) so the error comes here
    const preview = new Map<string, Doc | null>(tx.writes.get(c) ?? []);
    for (const ch of changes) preview.set(ch.key, ch.doc);
    rt.store.validate(toOps([...preview].map(([key, doc]) => ({ key, doc })).filter((ch) => ch.doc || rt.store.byKey(c, ch.key))));
    for (const ch of changes) rt.txs.stage(tx, c, ch.key, ch.doc);
  };

  const quotaRead = (req: ActionRequest, docs: number) => {
    rt.count('dbReadRequests', 1, req.token);
    rt.count('dbReadDocs', Math.max(1, docs), req.token);
  };
  const quotaWrite = (req: ActionRequest, docs: number) => {
    rt.count('dbWriteRequests', 1, req.token);
    if (docs) rt.count('dbWriteDocs', docs, req.token);
  };

  const filterOf = (body: Record<string, unknown>) =>
    body.query === undefined || body.query === null || body.query === '' ? {} : decodeWireObject(body.query, rt.now(), 'query');

  const isDoc = (body: Record<string, unknown>) => String(body.queryType ?? 'WHERE').toUpperCase() === 'DOC';

  return {
    'database.addCollection': ({ body }) => {
      const c = checkCollectionName(body.collectionName);
      if (rt.store.hasCollection(c)) throw collectionExists(c);
      rt.engine.commit([{ op: 'create', c }]);
      return { json: {} };
    },

    'database.insertDocument': (req) => {
      const { body } = req;
      const c = checkCollectionName(body.collectionName);
      const tx = txOf(body);
      const raw = Array.isArray(body.data) ? body.data : body.data === undefined ? [] : [body.data];
      if (!raw.length) throw invalidParam('insertDocument needs data: [EJSON document, …]');
      const now = rt.now();
      const docs = raw.map((s) => decodeWireObject(s, now, 'data'));
      collectionReady(c, true);
      const view = viewOf(tx);
      const changes: Change[] = [];
      const keys = new Set<string>();
      const ids: unknown[] = [];
      for (const d of docs) {
        assertStorable(d);
        const doc: Doc = d._id === undefined ? { _id: newId(), ...d } : d;
        checkId(doc._id);
        const key = idKey(doc._id);
        if (keys.has(key) || view.byKey(c, key)) throw duplicateKey(c, '_id_', showId(doc._id));
        keys.add(key);
        ids.push(doc._id);
        changes.push({ key, doc });
      }
      write(tx, c, changes);
      quotaWrite(req, tx ? 0 : changes.length);
      return { json: { data: { insertedIds: ids } } };
    },

    'database.getDocument': (req) => {
      const { body } = req;
      const c = checkCollectionName(body.collectionName);
      const tx = txOf(body);
      const q = compileFilter(filterOf(body));
      const order = body.order ? normalizeOrder(decodeWireObject(body.order, rt.now(), 'order')) : undefined;
      const projection = body.projection ? decodeWireObject(body.projection, rt.now(), 'projection') : undefined;
      const doc = isDoc(body);
      let list: string[] = [];
      if (collectionReady(c, false)) {
        const matched = viewOf(tx).match(c, q);
        const shaped = shapeResults(matched, {
          order,
          offset: doc ? 0 : normalizeOffset(body.offset),
          limit: doc ? 1 : normalizeLimit(body.limit),
          projection,
        });
        list = shaped.map(encodeWire);
      }
      quotaRead(req, list.length);
      return { json: { data: { list } } };
    },

    'database.calculateDocument': (req) => {
      const { body } = req;
      const c = checkCollectionName(body.collectionName);
      const tx = txOf(body);
      const q = compileFilter(filterOf(body));
      const total = collectionReady(c, false) ? viewOf(tx).match(c, q).length : 0;
      quotaRead(req, 1);
      return { json: { data: { total } } };
    },

    'database.modifyDocument': (req) => {
      const { body } = req;
      const c = checkCollectionName(body.collectionName);
      const tx = txOf(body);
      const doc = isDoc(body);
      const multi = doc ? false : body.multi === undefined ? true : body.multi === true || body.multi === 'true';
      const merge = body.merge === undefined ? true : body.merge === true || body.merge === 'true';
      const upsert = body.upsert === true || body.upsert === 'true';
      if (body.data === undefined) throw invalidParam('modifyDocument needs data');
      const spec = parseUpdate(decodeWireObject(body.data, rt.now(), 'data'), merge);
      const filter = filterOf(body);
      const q = compileFilter(filter);
      if (!collectionReady(c, upsert)) {
        quotaWrite(req, 0);
        return { json: { data: { updated: 0 } } };
      }
      const view = viewOf(tx);
      let matched = view.match(c, q);
      if (!multi) matched = matched.slice(0, 1);
      const changes: Change[] = [];
      for (const d of matched) {
        const next = applyUpdate(d, spec, filter);
        if (!sameValue(d, next)) changes.push({ key: idKey(d._id), doc: next });
      }
      let upsertId: unknown;
      if (!matched.length && upsert) {
        const created = buildUpsertDoc(filter, spec, newId);
        checkId(created._id);
        assertStorable(created);
        const key = idKey(created._id);
        if (view.byKey(c, key)) throw duplicateKey(c, '_id_', showId(created._id));
        changes.push({ key, doc: created });
        upsertId = created._id;
      }
      write(tx, c, changes);
      quotaWrite(req, tx ? 0 : changes.length);
      const updated = changes.length - (upsertId === undefined ? 0 : 1);
      return { json: { data: upsertId === undefined ? { updated } : { updated, upsert_id: upsertId } } };
    },

    'database.removeDocument': (req) => {
      const { body } = req;
      const c = checkCollectionName(body.collectionName);
      const tx = txOf(body);
      const doc = isDoc(body);
      const multi = doc ? false : body.multi === undefined ? true : body.multi === true || body.multi === 'true';
      const q = compileFilter(filterOf(body));
      if (!collectionReady(c, false)) {
        quotaWrite(req, 0);
        return { json: { data: { deleted: 0 } } };
      }
      let matched = viewOf(tx).match(c, q);
      if (!multi) matched = matched.slice(0, 1);
      const changes = matched.map((d) => ({ key: idKey(d._id), doc: null }));
      write(tx, c, changes);
      quotaWrite(req, tx ? 0 : changes.length);
      return { json: { data: { deleted: changes.length } } };
    },

    'database.aggregateDocuments': (req) => {
      const { body } = req;
      const c = checkCollectionName(body.collectionName);
      if (!Array.isArray(body.stages)) throw invalidParam('aggregateDocuments needs stages: [{stageKey, stageValue}, …]');
      const now = rt.now();
      const pipeline: Pipeline = body.stages.map((s: unknown, i: number) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw invalidParam(`stages[${i}] must be {stageKey, stageValue}`);
        return { [s.stageKey]: decodeWire(s.stageValue, now, `stage ${s.stageKey}`) };
      });
      let list: string[] = [];
      if (collectionReady(c, false)) {
        // a leading $match uses the indexes
        let input: Doc[];
        let rest = pipeline;
        const first = pipeline[0];
        if (first && isPlainObject(first.$match)) {
          input = rt.store.match(c, compileFilter(first.$match));
          rest = pipeline.slice(1);
        } else input = rt.store.collection(c).candidates({}).map((e) => e.doc);
        const resolve = (name: string): Doc[] =>
          rt.store.hasCollection(name) ? [...rt.store.collection(name).entries.values()].map((e) => e.doc) : [];
        list = runPipeline(input, rest, resolve).map(encodeWire);
      }
      quotaRead(req, list.length);
      return { json: { data: { list } } };
    },

    'database.startTransaction': () => {
      const tx = rt.txs.begin();
      return { json: { transactionId: tx.id } };
    },

    'database.commitTransaction': (req) => {
      const tx = rt.txs.get(req.body.transactionId);
      const ops = rt.txs.finish(tx);
      rt.engine.commit(ops);
      quotaWrite(req, ops.length);
      return { json: {} };
    },

    'database.abortTransaction': (req) => {
      const tx = rt.txs.get(req.body.transactionId);
      rt.txs.abort(tx);
      return { json: {} };
    },
  };
}

/**
 * Updates: MongoDB update operators run by mingo's updater, plus the checks MongoDB makes and mingo skips
 * (so that e.g. `$inc` on a string fails with a clear error and changes nothing), replacement (`doc.set`) and the
 * document an upsert creates.
 */
import { update as mingoUpdate } from 'mingo';
import { assertStorable } from './ejson';
import { invalidOperator, invalidParam, requestFailed } from './errors';
import { MINGO_OPTIONS, assertSupportedOperators, mapMingoError } from './query';
import { THROUGH_ARRAY, cloneDoc, getPath, isPlainObject, showId, typeName, type Doc } from './values';

export const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
]);

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

export type UpdateSpec =
  | { kind: 'operators'; ops: Record<string, Record<string, unknown>> }
  | { kind: 'replace'; doc: Doc };

/**
 * Reads the `data` of a modifyDocument: with `merge` an update-operator document (plain fields are taken as `$set`),
 * without it a replacement document.
 */
export function parseUpdate(data: Record<string, unknown>, merge: boolean): UpdateSpec {
  const keys = Object.keys(data);
  const opKeys = keys.filter((k) => k.startsWith('$'));
  if (!merge) {
    if (opKeys.length) throw invalidOperator(`a replacement document (doc.set) cannot contain update operators (${opKeys.join(', ')})`);
    const { _id: _ignored, ...rest } = data;
    assertStorable(rest);
    return { kind: 'replace', doc: rest };
  }
  if (!opKeys.length) {
    return parseUpdate({ $set: data }, true);
  }
  if (opKeys.length !== keys.length) {
    throw invalidParam(`an update mixes operators and plain fields (${keys.filter((k) => !k.startsWith('$')).join(', ')})`);
  }
  const ops: Record<string, Record<string, unknown>> = {};
  for (const op of opKeys) {
    if (!UPDATE_OPERATORS.has(op)) throw invalidOperator(`unknown update operator ${op}`);
    const fields = data[op];
    if (!isPlainObject(fields)) throw invalidParam(`${op} expects an object of {field: value}`);
    assertSupportedOperators(fields, op);
    const out: Record<string, unknown> = {};
    for (const [f, v] of Object.entries(fields)) {
      if (!f || f.startsWith('$')) throw invalidParam(`${op}: invalid field name "${f}"`);
      // the SDK sends `_.addToSet({each: [...]})` as {each: [...]}; the real service reads it as $each
      if (op === '$addToSet' && isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v.each)) out[f] = { $each: v.each };
      else out[f] = v;
    }
    ops[op] = out;
  }
  checkPaths(ops);
  return { kind: 'operators', ops };
}

/** MongoDB refuses updates touching `_id` and updates whose paths overlap ("would create a conflict"). */
function checkPaths(ops: Record<string, Record<string, unknown>>): void {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(ops)) {
    for (const [f, v] of Object.entries(fields)) {
      paths.push(f);
      if (op === '$rename') {
        if (typeof v !== 'string' || !v) throw invalidParam(`$rename target for "${f}" must be a non-empty string`);
        paths.push(v);
      }
    }
  }
  for (const p of paths) {
    if (p === '_id' || p.startsWith('_id.')) {
      throw invalidParam("Performing an update on the path '_id' would modify the immutable field '_id'");
    }
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === b || b.startsWith(`${a}.`)) throw invalidParam(`Updating the path '${b}' would create a conflict at '${a}'`);
  }
}

/** The checks MongoDB makes before applying operators to one document (mingo silently skips these cases). */
function precheck(doc: Doc, ops: Record<string, Record<string, unknown>>): void {
  for (const [op, fields] of Object.entries(ops)) {
    for (const [path, arg] of Object.entries(fields)) {
      if (path.includes('$')) continue; // positional paths: left to mingo
      // every existing intermediate must be a document (or an array, addressed by index)
      const parts = path.split('.');
      let cur: unknown = doc;
      for (let i = 0; i < parts.length - 1 && cur !== undefined; i++) {
        const next: unknown = (cur as Record<string, unknown>)[parts[i]];
        if (next !== undefined && next !== null && (typeof next !== 'object' || next instanceof Date || next instanceof RegExp)) {
          throw requestFailed(
            `Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${JSON.stringify(next)}} (${op} on '${path}' in document ${showId(doc._id)})`,
          );
        }
        if (next === null) {
          throw requestFailed(`Cannot create field '${parts[i + 1]}' in element {${parts[i]}: null} (${op} on '${path}' in document ${showId(doc._id)})`);
        }
        cur = next;
      }
      const current = getPath(doc, path);
      if (current === THROUGH_ARRAY) continue;
      if (NUMERIC_OPS.has(op)) {
        if (typeof arg !== 'number') {
          throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`);
        }
        if (current !== undefined && typeof current !== 'number') {
          throw requestFailed(
            `Cannot apply ${op} to a value of non-numeric type. ${showId(doc._id)} has the field '${path}' of non-numeric type ${typeName(current)}`,
          );
        }
      }
      if (ARRAY_OPS.has(op) && current !== undefined && !Array.isArray(current)) {
        throw requestFailed(
          `Cannot apply ${op} to a non-array value: the field '${path}' must be an array but is of type ${typeName(current)} in document ${showId(doc._id)}`,
        );
      }
      if (op === '$pop' && arg !== 1 && arg !== -1) throw invalidParam(`$pop expects 1 or -1 for '${path}'`);
      if (op === '$pullAll' && !Array.isArray(arg)) throw invalidParam(`$pullAll for '${path}' expects an array`);
      if ((op === '$push' || op === '$addToSet') && isPlainObject(arg) && '$each' in arg && !Array.isArray(arg.$each)) {
        throw invalidParam(`${op} $each for '${path}' expects an array`);
      }
    }
  }
}

/**
 * Applies an update to a copy of `doc` and returns the copy; `doc` itself is never touched, so a failure
 * leaves the stored document as it was. `filter` serves the positional `$` operator.
 */
export function applyUpdate(doc: Doc, spec: UpdateSpec, filter: Record<string, unknown>): Doc {
  if (spec.kind === 'replace') {
    return { _id: doc._id, ...cloneDoc(spec.doc) };
  }
  precheck(doc, spec.ops);
  const copy = cloneDoc(doc);
  try {
    mingoUpdate(copy, spec.ops as Parameters<typeof mingoUpdate>[1], undefined, hasPositional(spec.ops) ? filter : undefined, {
      cloneMode: 'deep',
      queryOptions: MINGO_OPTIONS,
    });
  } catch (e) {
    throw mapMingoError(e, 'update');
  }
  if (copy._id !== doc._id) throw invalidParam("Performing an update on the path '_id' would modify the immutable field '_id'");
  return copy;
}

function hasPositional(ops: Record<string, Record<string, unknown>>): boolean {
  return Object.values(ops).some((f) => Object.keys(f).some((p) => p.includes('$')));
}

/**
 * The document an upsert inserts when nothing matched: the plain equalities of the filter, then the update
 * (or the replacement), under the given `_id` (the filter's `_id` when it names one).
 */
export function buildUpsertDoc(filter: Record<string, unknown>, spec: UpdateSpec, newId: () => string): Doc {
  const filterId = filter._id !== undefined && !isPlainObject(filter._id) ? filter._id : undefined;
  const id = filterId ?? newId();
  if (spec.kind === 'replace') return { _id: id, ...cloneDoc(spec.doc) };
  const base: Doc = { _id: id };
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k === '_id' || k.includes('.') || isPlainObject(v) || v instanceof RegExp) continue;
    base[k] = v;
  }
  return applyUpdate(base, spec, filter);
}

/**
 * Aggregation pipelines with mingo's Aggregator. Every stage mingo implements runs ($match $project $group $sort
 * $skip $limit $unwind $lookup (also with let/pipeline) $count $addFields/$set $unset $sample $bucket $bucketAuto
 * $facet $replaceRoot/$replaceWith $sortByCount $redact $graphLookup $unionWith $setWindowFields …), except the
 * ones CloudBase or the emulator cannot offer: $geoNear (no geo), $out / $merge (writes), and admin stages.
 * There is no implicit limit: the whole result comes back (the real service caps results by size).
 */
import { Aggregator } from 'mingo';
import { invalidOperator, invalidParam } from './errors';
import { MINGO_OPTIONS, assertSupportedOperators, mapMingoError } from './query';
import { cloneDoc, isPlainObject, type Doc } from './values';

const REFUSED_STAGES: Record<string, string> = {
  $geoNear: 'geo queries are not emulated',
  $out: 'aggregation cannot write collections in CloudBase',
  $merge: 'aggregation cannot write collections in CloudBase',
  $indexStats: 'not available',
  $collStats: 'not available',
  $currentOp: 'not available',
  $listSessions: 'not available',
  $planCacheStats: 'not available',
};

export type Pipeline = Array<Record<string, unknown>>;

/** Turns the SDK's `[{stageKey, stageValue}]` (already decoded) into a pipeline, checking stage names. */
export function checkPipeline(stages: Pipeline): void {
  for (const st of stages) {
    if (!isPlainObject(st)) throw invalidParam('each aggregation stage must be an object');
    const keys = Object.keys(st);
    if (keys.length !== 1) throw invalidParam(`an aggregation stage must have exactly one key, got ${keys.join(', ') || 'none'}`);
    const name = keys[0];
    if (!name.startsWith('$')) throw invalidOperator(`unknown aggregation stage ${name}`);
    if (REFUSED_STAGES[name]) throw invalidOperator(`aggregation stage ${name} is not supported by the local emulator (${REFUSED_STAGES[name]})`);
    assertSupportedOperators(st[name], `aggregation stage ${name}`);
  }
}

/**
 * mingo 7's $bucket puts a value equal to a boundary into the wrong bucket and emits empty buckets; MongoDB
 * documents `[lower, upper)` buckets and output only for non-empty ones, default bucket last. So $bucket runs
 * as the equivalent $group / $sort / $addFields, which mingo gets right.
 */
function rewriteBucket(spec: unknown): Pipeline {
  if (!isPlainObject(spec) || !Array.isArray(spec.boundaries) || spec.boundaries.length < 2 || spec.groupBy === undefined) {
    throw invalidParam('$bucket needs groupBy and at least two boundaries');
  }
  const bounds = spec.boundaries as unknown[];
  const hasDefault = spec.default !== undefined;
  const branches = bounds.slice(0, -1).map((lo, i) => ({
    case: { $and: [{ $gte: [spec.groupBy, { $literal: lo }] }, { $lt: [spec.groupBy, { $literal: bounds[i + 1] }] }] },
    then: i,
  }));
  const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } };
  const keys = [...bounds.slice(0, -1), ...(hasDefault ? [spec.default] : [])].map((k) => ({ $literal: k }));
  return [
    { $group: { _id: { $switch: hasDefault ? { branches, default: bounds.length - 1 } : { branches } }, ...output } },
    { $sort: { _id: 1 } },
    { $addFields: { _id: { $arrayElemAt: [keys, '$_id'] } } },
  ];
}

/**
 * mingo 7's $sample draws with replacement (the same document twice, more documents than exist); MongoDB returns
 * N distinct documents (at most all of them). Rewritten as a random sort.
 */
function rewriteSample(spec: unknown): Pipeline {
  const size = isPlainObject(spec) ? spec.size : undefined;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw invalidParam('$sample needs {size: <non-negative integer>}');
  const key = '__emulator_sample_key';
  return [{ $addFields: { [key]: { $rand: {} } } }, { $sort: { [key]: 1 } }, { $limit: size }, { $unset: key }];
}

/** Applies the rewrites above, also inside $facet and $lookup / $unionWith sub-pipelines. */
function rewritePipeline(pipeline: Pipeline): Pipeline {
  return pipeline.flatMap((st) => {
    const [name] = Object.keys(st);
    const arg = st[name];
    if (name === '$bucket') return rewriteBucket(arg);
    if (name === '$sample') return rewriteSample(arg);
    if (name === '$facet' && isPlainObject(arg)) {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(arg)) out[k] = Array.isArray(sub) ? rewritePipeline(sub as Pipeline) : sub;
      return [{ $facet: out }];
    }
    if ((name === '$lookup' || name === '$unionWith') && isPlainObject(arg) && Array.isArray(arg.pipeline)) {
      return [{ [name]: { ...arg, pipeline: rewritePipeline(arg.pipeline as Pipeline) } }];
    }
    return [st];
  });
}

/**
 * Runs a pipeline over `docs` (not mutated). `resolve` gives another collection's documents for $lookup and the
 * like (an unknown collection is empty, as in MongoDB).
 */
export function runPipeline(docs: Doc[], pipeline: Pipeline, resolve: (name: string) => Doc[]): Doc[] {
  checkPipeline(pipeline);
  let agg: Aggregator;
  try {
    agg = new Aggregator(rewritePipeline(pipeline), {
      ...MINGO_OPTIONS,
      collectionResolver: (name: string) => resolve(name).map(cloneDoc),
    });
  } catch (e) {
    throw mapMingoError(e, 'aggregate');
  }
  try {
    return agg.run(docs.map(cloneDoc)) as Doc[];
  } catch (e) {
    throw mapMingoError(e, 'aggregate');
  }
}

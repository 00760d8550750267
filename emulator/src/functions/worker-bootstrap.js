'use strict';
/**
 * One warm function instance (a worker thread), like an SCF container: it loads `<function>/index.js` once and
 * runs `main(event, context)` for one invocation at a time. Before each invocation the parent sends the
 * environment the platform would inject (WX_OPENID, WX_API_TOKEN, ...), which `wx-server-sdk` reads at call time.
 * Plain JavaScript on purpose: it runs without any TypeScript loader.
 */
const { parentPort, workerData } = require('node:worker_threads');
const Module = require('node:module');
const path = require('node:path');

// Bare requires the function's own node_modules cannot satisfy (e.g. `wx-server-sdk` for a project outside this
// repository) fall back to the emulator's node_modules.
const fallbackPaths = workerData.fallbackPaths || [];
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithFallback(request, parent, isMain, options) {
  try {
    return originalResolve.call(this, request, parent, isMain, options);
  } catch (err) {
    const bare = !request.startsWith('.') && !path.isAbsolute(request) && !request.startsWith('node:');
    if (!err || err.code !== 'MODULE_NOT_FOUND' || !bare || !fallbackPaths.length || (options && options.paths)) throw err;
    return originalResolve.call(this, request, parent, isMain, { paths: fallbackPaths });
  }
};

// The function's clock follows the emulator's: `Date.now()` and `new Date()` run `clockOffsetMs` ahead of real
// time, set by the parent for each invocation (0 unless the emulator's clock was moved, e.g. by a test).
let clockOffsetMs = 0;
const RealDate = Date;
globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length ? args : [RealDate.now() + clockOffsetMs], newTarget);
  },
  apply() {
    return new RealDate(RealDate.now() + clockOffsetMs).toString();
  },
  get(target, prop, receiver) {
    if (prop === 'now') return () => RealDate.now() + clockOffsetMs;
    return Reflect.get(target, prop, receiver);
  },
});

// What the function prints goes to the parent on the same channel as the result, so it is attributed to the
// invocation that printed it (and arrives before that invocation's result).
for (const stream of [process.stdout, process.stderr]) {
  stream.write = function write(chunk, encoding, cb) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    parentPort.postMessage({ type: 'log', text });
    const done = typeof encoding === 'function' ? encoding : cb;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

process.on('unhandledRejection', (reason) => {
  console.error('Unhandled promise rejection:', reason);
});

let loaded = null;

function runMain(main, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const ok = (v) => { if (!settled) { settled = true; resolve(v); } };
    const fail = (e) => { if (!settled) { settled = true; reject(e === undefined ? new Error('undefined') : e); } };
    const callback = (err, data) => (err !== null && err !== undefined ? fail(err) : ok(data));
    let ret;
    try {
      ret = main(event, context, callback);
    } catch (e) {
      return fail(e);
    }
    if (ret && typeof ret.then === 'function') ret.then(ok, fail);
    else if (main.length < 3 || ret !== undefined) ok(ret);
  });
}

function describe(err) {
  if (err instanceof Error) return { message: String(err.stack || err), errCode: err.errCode };
  if (typeof err === 'string') return { message: err };
  try {
    return { message: JSON.stringify(err) };
  } catch (_) {
    return { message: String(err) };
  }
}

parentPort.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  const clock = msg.clock || {};
  const syncClock = () => {
    clockOffsetMs = typeof clock.manualAt === 'number' ? clock.manualAt - RealDate.now() : Number(clock.offsetMs) || 0;
  };
  syncClock();
  for (const [k, v] of Object.entries(msg.env)) {
    if (v === null) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    if (!loaded) loaded = require(workerData.entry);
    const main = loaded && loaded.main;
    if (typeof main !== 'function') throw new Error(`${workerData.entry} does not export a main function`);
    // Loading the code is initialization; the execution time limit starts now.
    parentPort.postMessage({ type: 'started', id: msg.id });
    syncClock();
    const value = await runMain(main, JSON.parse(msg.event), msg.context);
    const json = JSON.stringify(value === undefined ? null : value);
    parentPort.postMessage({ type: 'done', id: msg.id, ok: true, json: json === undefined ? 'null' : json });
  } catch (err) {
    parentPort.postMessage({ type: 'done', id: msg.id, ok: false, error: describe(err) });
  }
});

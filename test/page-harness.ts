/**
 * Page tests: render a real mini-program page (its WXML, its TypeScript, TDesign components) with
 * miniprogram-simulate in jsdom, with `wx` wired to a REAL emulator over HTTP.
 *
 *   const page = await loadPage('pages/shop-info/index', { emulator: emu, openid: 'o-alice' });
 *   await page.waitFor((d) => d.status === 'ready');
 *   expect(page.text('#name')).toBe('街角咖啡');
 *   await page.tap('#call');
 *   expect(page.wx.callsTo('makePhoneCall')).toEqual([{ phoneNumber: '021-1234' }]);
 *
 * How it works:
 * - The page's .ts (and everything it imports) is compiled by jest's own transform when simulate `require`s the
 *   page (no build step); the page is loaded inside `jest.isolateModules`, so every load runs fresh module code.
 * - WXML is compiled by the official compiler (simulate's `compiler: 'official'`), with `rootPath` = miniprogram/,
 *   so absolute component paths such as "/miniprogram_npm/tdesign-miniprogram/cell/cell" resolve as in DevTools.
 *   app.json's global `usingComponents` are passed to simulate (which, like WeChat, makes them usable everywhere).
 * - `wx` is simulate's stub with every call recorded (`page.wx.calls`), except:
 *   `wx.request` does real HTTP (Node's http), and `wx.cloud.callFunction` POSTs to the emulator's gateway
 *   (`/functions/<name>`) with the page's openid in `x-wx-openid`, resolving/rejecting as the real client does.
 * - `getApp().globalData.env` is set so services/cloud.ts talks to this emulator as `openid`
 *   (`mode: 'emulator'` → wx.request to the gateway; `mode: 'cloud'` → wx.cloud.callFunction).
 * - Page lifecycle: attach (attached/ready), then `onLoad(query)` and `onShow()` as WeChat calls them on a
 *   Component()-page.
 */
import http from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The part of miniprogram-simulate used here (its own typings pull the mini-program globals into Node code). */
interface Simulate {
  load(componentPath: string, options: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): any;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate;
// the component framework simulate renders with (same instance as simulate's: loaded outside jest.isolateModules)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exparser = require('miniprogram-exparser') as { Event: { create(...a: unknown[]): unknown; dispatchEvent(target: unknown, e: unknown): void } };

export const MINIPROGRAM_DIR = path.resolve(__dirname, '..', 'miniprogram');

export interface LoadPageOptions {
  /** The emulator to talk to (an EmulatorController, or anything with its `baseUrl`). */
  emulator: { baseUrl: string };
  /** The caller's identity, as the emulator gateway will see it. */
  openid: string;
  /** Which client path services/cloud.ts takes; both reach the emulator's gateway. Default 'emulator'. */
  mode?: 'emulator' | 'cloud';
  /** The page's query (passed to onLoad and, like WeChat does, to same-named properties). */
  query?: Record<string, string>;
  appid?: string;
  /** Per-API replacements of the wx stub, e.g. `{ showModal: (o) => o.success?.({confirm: true}) }`. */
  wx?: Record<string, (...args: any[]) => unknown>;
}

export interface WxCall {
  api: string;
  args: unknown[];
}

export interface PageHandle {
  /** The page component (j-component). */
  readonly comp: any;
  /** The page instance (`this` in its methods). */
  readonly instance: any;
  /** The page's current data. */
  readonly data: any;
  /** The rendered root element. */
  readonly dom: DomElement;
  /** Every wx API call made since the page was loaded. */
  readonly wx: { calls: WxCall[]; callsTo(api: string): unknown[] };
  /** Whitespace-normalised text of the page, or of the first node matching `selector`. */
  text(selector?: string): string;
  /** Whether a node matches `selector` in the page. */
  exists(selector: string): boolean;
  /** Dispatches a tap on the first node matching `selector` (e.g. `#call`), then waits for the work it starts. */
  tap(selector: string): Promise<void>;
  /** Waits until `predicate(data)` holds (polling; fails after `timeoutMs` with the data in the message). */
  waitFor(predicate: (data: any) => boolean, timeoutMs?: number): Promise<void>;
  /** Waits until the page's text contains `text`. */
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  /** Waits until no wx.request / callFunction is in flight. */
  idle(): Promise<void>;
  /** Sends the events the page's tracker has queued (services/tracking.ts flushTracking) and waits for the send. */
  flushTracking(): Promise<void>;
  detach(): void;
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };

const g = globalThis as unknown as Record<string, any>;

/**
 * DOM types, minimally (the root tsconfig type-checks Node code without the DOM lib; the page tests run in jsdom).
 */
interface DomNode {
  nodeType: number;
  textContent: string | null;
}
interface DomElement extends DomNode {
  outerHTML: string;
  remove(): void;
  appendChild(child: unknown): unknown;
}
const dom = () => g.document as { createElement(tag: string): DomElement; body: DomElement };
/** simulate's own wx stub, captured once (every page gets a recording proxy over it). */
const baseWx: Record<string, any> = g.wx;

// ---------------------------------------------------------------------------------------------------------------
// HTTP

interface HttpReply {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function httpRequest(url: string, method: string, headers: Record<string, string>, body: string | Buffer | undefined): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function settle<T>(opts: Callbacks, work: Promise<T>, failWith: (e: unknown) => unknown): Promise<T> | undefined {
  const wantsPromise = !(opts.success || opts.fail || opts.complete);
  const done = work.then(
    (res) => {
      opts.success?.(res);
      opts.complete?.(res);
      return res;
    },
    (e) => {
      const err = failWith(e);
      opts.fail?.(err);
      opts.complete?.(err);
      throw err;
    },
  );
  if (wantsPromise) return done;
  done.catch(() => undefined);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// wx

function makeWx(opts: LoadPageOptions, calls: WxCall[], inflight: Set<Promise<unknown>>): Record<string, any> {
  const baseUrl = opts.emulator.baseUrl.replace(/\/+$/, '');
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const drop = () => inflight.delete(p);
    p.then(drop, drop);
    return p;
  };

  const request = (o: WechatRequestOptions) => {
    const method = (o.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...(o.header ?? {}) };
    let body: string | undefined;
    let url = o.url;
    if (o.data !== undefined && method === 'GET') {
      const qs = new URLSearchParams(o.data as Record<string, string>).toString();
      if (qs) url += (url.includes('?') ? '&' : '?') + qs;
    } else if (o.data !== undefined) {
      body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    const work = track(
      httpRequest(url, method, headers, body).then((r) => {
        let data: unknown = r.body;
        if ((o.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(r.body);
          } catch {
            /* not JSON: leave the text, as wx.request does */
          }
        }
        return { data, statusCode: r.statusCode, header: r.headers, cookies: [], errMsg: 'request:ok' };
      }),
    );
    settle(o, work, (e) => ({ errMsg: `request:fail ${(e as Error).message ?? e}`, errno: 600001 }));
    return { abort: () => undefined, onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
  };

  /** wx.uploadFile: multipart/form-data POST of the file at `filePath` (a path on this machine in tests). */
  const uploadFile = (o: { url: string; filePath: string; name: string; header?: Record<string, string>; formData?: Record<string, string> } & Callbacks) => {
    const boundary = `----kaidian${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(o.formData ?? {})) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    const work = track(
      Promise.resolve()
        .then(() => {
          parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${o.name}"; filename="${path.basename(o.filePath)}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
          parts.push(readFileSync(o.filePath), Buffer.from(`\r\n--${boundary}--\r\n`));
          const headers = { ...(o.header ?? {}), 'content-type': `multipart/form-data; boundary=${boundary}` };
          return httpRequest(o.url, 'POST', headers, Buffer.concat(parts));
        })
        .then((r) => ({ data: r.body, statusCode: r.statusCode, errMsg: 'uploadFile:ok' })),
    );
    settle(o, work, (e) => ({ errMsg: `uploadFile:fail ${(e as Error).message ?? e}` }));
    return { abort: () => undefined, onProgressUpdate: () => undefined, offProgressUpdate: () => undefined };
  };

  const callFunction = (o: { name: string; data?: unknown } & Callbacks) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-wx-openid': opts.openid, 'x-wx-source': 'wx_client' };
    if (opts.appid) headers['x-wx-appid'] = opts.appid;
    const work = track(
      httpRequest(`${baseUrl}/functions/${encodeURIComponent(o.name)}`, 'POST', headers, JSON.stringify({ data: o.data ?? {} })).then((r) => {
        const body = JSON.parse(r.body) as { result?: unknown; requestId?: string; errCode?: number; errMsg?: string };
        if (r.statusCode === 200 && 'result' in body) return { result: body.result, requestID: body.requestId, errMsg: 'cloud.callFunction:ok' };
        throw { errCode: body.errCode ?? -1, errMsg: body.errMsg ?? `cloud.callFunction:fail HTTP ${r.statusCode}` };
      }),
    );
    return settle(o, work, (e) =>
      e && typeof e === 'object' && 'errMsg' in e ? e : { errCode: -1, errMsg: `cloud.callFunction:fail ${(e as Error).message ?? e}` },
    );
  };

  const overrides: Record<string, (...args: any[]) => unknown> = {
    request,
    uploadFile,
    ...opts.wx,
  };
  const cloud = {
    init: (...args: unknown[]) => void calls.push({ api: 'cloud.init', args }),
    callFunction: (o: { name: string; data?: unknown } & Callbacks) => {
      calls.push({ api: 'cloud.callFunction', args: [{ name: o.name, data: o.data }] });
      return callFunction(o);
    },
  };

  return new Proxy(baseWx, {
    get(target, key) {
      if (key === 'cloud') return cloud;
      const real = overrides[key as string] ?? target[key as string];
      if (typeof real !== 'function') return real;
      return (...args: unknown[]) => {
        calls.push({ api: String(key), args: args.map(stripCallbacks) });
        return real(...args);
      };
    },
  });
}

interface WechatRequestOptions extends Callbacks {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  dataType?: string;
}

/** Records an options object without its callbacks (so tests compare plain data). */
function stripCallbacks(arg: unknown): unknown {
  if (!arg || typeof arg !== 'object' || Array.isArray(arg)) return arg;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(arg)) if (typeof v !== 'function') out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// compile set-up

let appJsonCache: { usingComponents?: Record<string, string> } | undefined;
function appJson(): { usingComponents?: Record<string, string> } {
  return (appJsonCache ??= JSON.parse(readFileSync(path.join(MINIPROGRAM_DIR, 'app.json'), 'utf8')));
}

function listFiles(dir: string, ext: string, out: string[] = [], base = dir): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !(dir === MINIPROGRAM_DIR && e.name === 'miniprogram_npm')) listFiles(full, ext, out, base);
    } else if (e.name.endsWith(ext)) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

const IMPORT_RE = /<(?:import|include)\s+src\s*=\s*["']([^"']+)["']/g;

/** Resolves a WXML/component reference (absolute from the miniprogram root, or relative to `fromFile`'s folder). */
function resolveRef(fromFile: string, ref: string): string {
  const rel = ref.startsWith('/') ? ref.slice(1) : path.posix.join(path.posix.dirname(fromFile), ref);
  return path.posix.normalize(rel);
}

/**
 * Every WXML file the app's pages can reach: the pages and their components (usingComponents, including app.json's
 * global ones, followed recursively) and every template they `<import>` or `<include>`.
 */
function reachableWxml(seeds: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...seeds];
  while (queue.length) {
    const file = queue.shift()!; // e.g. pages/home/index.wxml
    if (seen.has(file)) continue;
    const abs = path.join(MINIPROGRAM_DIR, file);
    if (!existsSync(abs)) continue;
    seen.add(file);
    for (const m of readFileSync(abs, 'utf8').matchAll(IMPORT_RE)) {
      const ref = resolveRef(file, m[1]);
      queue.push(ref.endsWith('.wxml') ? ref : `${ref}.wxml`);
    }
    const json = abs.replace(/\.wxml$/, '.json');
    if (existsSync(json)) {
      const using = (JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {};
      for (const ref of Object.values(using)) queue.push(`${resolveRef(file, ref)}.wxml`);
    }
  }
  return [...seen].sort();
}

/**
 * What the official WXML compiler (wcc) is given: every WXML reachable from the app's own WXML files and app.json's
 * global components, and every WXS. Built once per test file: simulate caches the compiled templates per rootPath,
 * so the first load must compile them all.
 */
function compilerOptions(): { wxmlList: string[]; wxsList: string[]; maxBuffer: number } {
  const globals = Object.values(appJson().usingComponents ?? {}).map((p) => `${p.replace(/^\//, '')}.wxml`);
  const wxmlList = reachableWxml([...listFiles(MINIPROGRAM_DIR, '.wxml'), ...globals]);
  const npmDir = path.join(MINIPROGRAM_DIR, 'miniprogram_npm');
  const wxsList = [
    ...listFiles(MINIPROGRAM_DIR, '.wxs'),
    ...(existsSync(npmDir) ? listFiles(npmDir, '.wxs').map((f) => `miniprogram_npm/${f}`) : []),
  ];
  return { wxmlList, wxsList, maxBuffer: 64 * 1024 * 1024 };
}

// ---------------------------------------------------------------------------------------------------------------
// loadPage

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The DOM nodes an exparser node renders as. A custom component's host (e.g. <t-cell>) has no DOM element of its
 * own: its shadow tree's elements stand in its place, so walk the composed tree (`__wxSlotChildren`: a host's shadow
 * root, a slot's projected nodes, an element's children) down to the first nodes that have a DOM node (`$$`).
 */
function domRoots(node: any): DomNode[] {
  if (node.$$) return [node.$$ as DomNode];
  const kids: any[] = node.__wxSlotChildren ?? node.childNodes ?? [];
  return kids.flatMap(domRoots);
}

/** The first node, in the composed tree under `node`, that renders as a DOM element (what a finger would hit). */
function firstRenderedElement(node: any): any {
  if (node.$$) return node.$$.nodeType === 1 ? node : undefined;
  for (const kid of (node.__wxSlotChildren ?? node.childNodes ?? []) as any[]) {
    const found = firstRenderedElement(kid);
    if (found) return found;
  }
  return undefined;
}

/** Fires a tap on `node`'s first rendered element; it bubbles (composed) up to the handlers bound on its hosts. */
function tapNode(node: any): void {
  const target = firstRenderedElement(node);
  if (!target) throw new Error('the node renders no element to tap');
  const tap = exparser.Event.create('tap', { x: 0, y: 0 }, { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: [], changedTouches: [] } });
  exparser.Event.dispatchEvent(target, tap);
}

export interface InstalledWx {
  calls: WxCall[];
  /** The wx.request / callFunction calls in flight. */
  inflight: Set<Promise<unknown>>;
}

/**
 * Installs the recording `wx` (wired to the emulator) and an App whose `globalData.env` points services/cloud.ts at
 * the emulator as `opts.openid`. loadPage does this; call it directly to test services without a page.
 */
export function installWx(opts: Omit<LoadPageOptions, 'query'>): InstalledWx {
  const calls: WxCall[] = [];
  const inflight = new Set<Promise<unknown>>();
  g.wx = makeWx(opts, calls, inflight);
  g.__kaidianApp = {
    globalData: {
      env: { mode: opts.mode ?? 'emulator', emulatorUrl: opts.emulator.baseUrl, envId: 'local', demoOpenid: opts.openid },
    },
  };
  return { calls, inflight };
}

export async function loadPage(pagePath: string, opts: LoadPageOptions): Promise<PageHandle> {
  const abs = path.join(MINIPROGRAM_DIR, pagePath.replace(/^\//, ''));
  if (!existsSync(`${abs}.wxml`) || !existsSync(`${abs}.json`)) throw new Error(`no page at miniprogram/${pagePath} (.wxml + .json)`);
  if (!existsSync(path.join(MINIPROGRAM_DIR, 'miniprogram_npm'))) {
    throw new Error('miniprogram/miniprogram_npm is missing: run `npm run build` (jest globalSetup does it)');
  }

  const { calls, inflight } = installWx(opts);

  let id = '';
  let tracking: Tracking | undefined;
  jest.isolateModules(() => {
    id = simulate.load(abs, {
      rootPath: MINIPROGRAM_DIR,
      compiler: 'official',
      compilerOptions: compilerOptions(),
      usingComponents: { ...(appJson().usingComponents ?? {}) },
    });
    tracking = captureTracking();
  });
  const query = opts.query ?? {};
  const comp = simulate.render(id, query) as any;
  const parent = dom().createElement('parent-wrapper');
  dom().body.appendChild(parent);
  comp.attach(parent);

  const instance = comp.instance;
  instance.route = pagePath.replace(/^\//, '');
  instance.options = query;
  g.__kaidianPages = [instance];
  if (typeof instance.onLoad === 'function') instance.onLoad({ ...query });
  if (typeof instance.onShow === 'function') instance.onShow();

  const handle: PageHandle = {
    comp,
    instance,
    get data() {
      return comp.data;
    },
    get dom() {
      return comp.dom as DomElement;
    },
    wx: {
      calls,
      callsTo: (api) => calls.filter((c) => c.api === api).map((c) => c.args[0]),
    },
    text(selector) {
      const node = selector ? comp.querySelector(selector) : comp;
      if (!node) throw new Error(`no node matches ${selector} (page data: ${JSON.stringify(comp.data)})`);
      const roots = selector ? domRoots(node._exparserNode) : [comp.dom as DomNode];
      return roots.map((n) => n.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
    },
    exists: (selector) => Boolean(comp.querySelector(selector)),
    async tap(selector) {
      const node = comp.querySelector(selector);
      if (!node) throw new Error(`cannot tap ${selector}: no node matches (page data: ${JSON.stringify(comp.data)})`);
      tapNode(node._exparserNode);
      await sleep(0); // let the handler start its work
      await handle.idle();
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (predicate(comp.data)) return;
        if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms; page data: ${JSON.stringify(comp.data)}`);
        await sleep(10);
      }
    },
    async waitForText(text, timeoutMs = 5000) {
      try {
        await handle.waitFor(() => handle.text().includes(text), timeoutMs);
      } catch {
        throw new Error(`page never showed "${text}"; it shows: ${handle.text()}`);
      }
    },
    async idle() {
      while (inflight.size) {
        await Promise.allSettled([...inflight]);
        await sleep(0);
      }
      await sleep(0);
    },
    async flushTracking() {
      await tracking?.flushTracking();
    },
    detach() {
      comp.detach();
      parent.remove();
    },
  };
  return handle;
}

// ---------------------------------------------------------------------------------------------------------------
// Tracking: each page / app load has its own services/tracking.ts (isolated modules) with a 3 s batch timer. The
// harness keeps each instance and flushes them all after the spec file's tests (so no timer outlives the test file
// and no tracked event is lost while the emulator is still up).

type Tracking = { flushTracking(): Promise<void> };
const trackers = new Set<Tracking>();

/** The services/tracking.ts instance of the current isolated module registry (the page's or the app's). */
function captureTracking(): Tracking | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const t = require(path.join(MINIPROGRAM_DIR, 'services', 'tracking')) as Tracking;
    trackers.add(t);
    return t;
  } catch {
    return undefined;
  }
}

/** Flushes every tracker the pages and apps loaded so far have (clears their timers). Never rejects. */
export async function flushAllTracking(): Promise<void> {
  const all = [...trackers];
  trackers.clear();
  await Promise.allSettled(all.map((t) => t.flushTracking()));
}

if (typeof afterAll === 'function') afterAll(() => flushAllTracking());

/** What a test sees of the App: its globalData and lifecycle. */
export interface LaunchedApp {
  globalData: Record<string, any>;
  onShow(this: LaunchedApp): void;
}

/**
 * Loads miniprogram/app.ts as WeChat does (its `App({...})` call is captured), then brings it to the foreground with
 * `enter` as `wx.getEnterOptionsSync()`, and waits for the cloud calls onShow starts.
 */
export async function launchApp(
  opts: Omit<LoadPageOptions, 'query'> & { enter: { scene: number; query: Record<string, string> } },
): Promise<LaunchedApp> {
  const { enter, ...rest } = opts;
  const { inflight } = installWx({ ...rest, wx: { ...rest.wx, getEnterOptionsSync: () => ({ ...enter, referrerInfo: {} }) } });
  let app: LaunchedApp | undefined;
  const global = globalThis as unknown as { App: (o: LaunchedApp) => void };
  const previousApp = global.App;
  global.App = (o) => {
    app = o;
  };
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(MINIPROGRAM_DIR, 'app'));
      captureTracking();
    });
  } finally {
    global.App = previousApp;
  }
  if (!app) throw new Error('app.ts did not call App()');
  app.onShow.call(app);
  while (inflight.size) await Promise.allSettled([...inflight]);
  await new Promise((r) => setTimeout(r, 0));
  return app;
}

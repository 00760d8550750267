import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import busboy from 'busboy';
import { EmulatorClock } from './core/clock';
import type { EmulatorContext, EmulatorOptions } from './core/context';
import type { FunctionsInvoker, InvocationLookup } from './core/contracts';
import { TcbCodes, TcbError, isTcbError } from './core/errors';
import { matchPath, readBody, sendJson, sendText, type Route, type RouteRequest } from './core/http';
import { newRequestId } from './core/ids';
import type { ActionHandler, ActionRequest, EmulatorService } from './core/service';
import { QuotaMeters } from './quota/meters';
import { renderStatusPage } from './status/page';

export type ServiceFactory = (ctx: EmulatorContext) => EmulatorService;

/**
 * Starts the emulated services behind one HTTP server: the TCB `/admin` endpoint the SDKs call,
 * each service's own routes (gateway, storage URLs, control API) and the status page at `/`.
 */
export class EmulatorController {
  readonly clock: EmulatorClock;
  readonly quota = new QuotaMeters();
  readonly ctx: EmulatorContext;
  private readonly services: EmulatorService[] = [];
  private readonly byName = new Map<string, EmulatorService>();
  private readonly actions = new Map<string, { service: string; handler: ActionHandler }>();
  private readonly routes: Route[] = [];
  private server: Server | null = null;
  private url = '';

  constructor(options: EmulatorOptions, factories: ServiceFactory[]) {
    const projectDir = path.resolve(options.projectDir);
    const resolved: EmulatorContext['options'] = {
      projectDir,
      dataDir: options.dataDir === null ? null : path.resolve(options.dataDir),
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      manualClockStart: options.manualClockStart,
      functionsRoot: path.resolve(projectDir, options.functionsRoot ?? readFunctionsRoot(projectDir)),
      maxInstancesPerFunction: options.maxInstancesPerFunction ?? 20,
      autoTimers: options.autoTimers ?? false,
      envId: options.envId ?? 'local',
      appId: options.appId ?? 'wx0000000000000000',
      quiet: options.quiet ?? true,
    };
    this.clock = new EmulatorClock({ manualStart: options.manualClockStart });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.ctx = {
      options: resolved,
      clock: this.clock,
      quota: this.quota,
      baseUrl: () => self.url,
      adminUrl: () => `${self.url}/admin`,
      functions: () => self.service<FunctionsInvoker & EmulatorService>('functions'),
      invocations: () =>
        self.byName.has('functions')
          ? self.service<InvocationLookup & EmulatorService>('functions')
          : { byToken: () => undefined },
      service: <T>(name: string) => self.service<T>(name),
      log: (m: string) => {
        if (!resolved.quiet) console.log(`[emulator] ${m}`);
      },
    };
    for (const make of factories) {
      const s = make(this.ctx);
      this.services.push(s);
      this.byName.set(s.name, s);
      for (const [action, handler] of Object.entries(s.actions?.() ?? {})) {
        if (this.actions.has(action)) throw new Error(`action ${action} registered twice`);
        this.actions.set(action, { service: s.name, handler });
      }
      this.routes.push(...(s.routes?.() ?? []));
    }
    this.routes.push(...this.controlRoutes());
  }

  service<T>(name: string): T {
    const s = this.byName.get(name);
    if (!s) throw new Error(`emulator service "${name}" is not running`);
    return s as unknown as T;
  }

  hasService(name: string): boolean {
    return this.byName.has(name);
  }

  /** The TCB actions this emulator answers (for the contract test and the README). */
  supportedActions(): string[] {
    return [...this.actions.keys()].sort();
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (!res.headersSent) sendJson(res, 500, { code: TcbCodes.SYS_ERR, message: String(e?.message ?? e) });
        else res.destroy();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.ctx.options.port, this.ctx.options.host, () => resolve());
    });
    const addr = this.server.address() as AddressInfo;
    this.url = `http://${this.ctx.options.host}:${addr.port}`;
    try {
      for (const s of this.services) await s.start?.();
    } catch (e) {
      await this.stop();
      throw e;
    }
    this.ctx.log(`listening on ${this.url}`);
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of [...this.services].reverse()) await s.stop?.();
    if (this.server) {
      const srv = this.server;
      this.server = null;
      srv.closeAllConnections?.();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    }
  }

  /** Drops all state of every service and the meters. */
  async reset(): Promise<void> {
    for (const s of this.services) await s.reset?.();
    this.quota.reset();
  }

  get baseUrl(): string {
    return this.url;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'POST' && url.pathname === '/admin') return this.handleAdmin(req, res, url);
    for (const route of this.routes) {
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
      const params = matchPath(route.path, url.pathname);
      if (!params) continue;
      let bodyCache: Buffer | undefined;
      const r: RouteRequest = {
        req,
        res,
        url,
        params,
        body: async () => (bodyCache ??= await readBody(req)),
        json: async <T>() => {
          const b = (bodyCache ??= await readBody(req));
          return (b.length ? JSON.parse(b.toString('utf8')) : {}) as T;
        },
      };
      try {
        await route.handler(r);
      } catch (e) {
        if (res.headersSent) throw e;
        const err = e as Error & { code?: string };
        sendJson(res, err instanceof SyntaxError ? 400 : isTcbError(e) ? 400 : 500, {
          code: err.code ?? TcbCodes.SYS_ERR,
          message: err.message,
        });
      }
      return;
    }
    if (method === 'GET' && (url.pathname === '/' || url.pathname === '/status')) {
      const sections = [];
      for (const s of this.services) sections.push(...((await s.status?.()) ?? []));
      return sendText(res, 200, renderStatusPage(this.url, sections), 'text/html; charset=utf-8');
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${method} ${url.pathname}` });
  }

  private async handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = newRequestId();
    let action = '';
    try {
      const parsed = await parseAdminBody(req);
      action = String(parsed.body.action ?? '');
      const entry = this.actions.get(action);
      if (!entry) {
        throw new TcbError(TcbCodes.INVALID_ACTION, `the local emulator does not support action "${action}"`);
      }
      const token = typeof parsed.body.wxCloudApiToken === 'string' && parsed.body.wxCloudApiToken ? parsed.body.wxCloudApiToken : undefined;
      const request: ActionRequest = {
        action,
        body: parsed.body,
        files: parsed.files,
        envName: String(parsed.body.envName ?? url.searchParams.get('env') ?? ''),
        requestId,
        token,
      };
      const reply = await entry.handler(request);
      if ('raw' in reply) return sendText(res, 200, reply.raw, reply.contentType);
      sendJson(res, 200, { ...reply.json, requestId });
    } catch (e) {
      if (isTcbError(e)) {
        if (e.httpStatus !== 200) return sendJson(res, e.httpStatus, { code: e.code, message: e.message, requestId });
        return sendJson(res, 200, { code: e.code, message: e.message, requestId });
      }
      const err = e as Error;
      sendJson(res, 200, { code: TcbCodes.SYS_ERR, message: `${action || 'request'}: ${err.message}`, requestId });
    }
  }

  private controlRoutes(): Route[] {
    return [
      {
        method: 'GET',
        path: '/_emulator/quota',
        handler: ({ res, url }) => {
          const inv = url.searchParams.get('invocation');
          sendJson(res, 200, inv ? this.quota.forInvocation(inv) : this.quota.totals());
        },
      },
      {
        method: 'POST',
        path: '/_emulator/quota/reset',
        handler: ({ res }) => {
          this.quota.reset();
          sendJson(res, 200, { ok: true });
        },
      },
      {
        method: 'POST',
        path: '/_emulator/reset',
        handler: async ({ res }) => {
          await this.reset();
          sendJson(res, 200, { ok: true });
        },
      },
      {
        method: 'GET',
        path: '/_emulator/clock',
        handler: ({ res }) => sendJson(res, 200, { now: this.clock.now(), manual: this.clock.manual }),
      },
      {
        method: 'POST',
        path: '/_emulator/clock',
        handler: async ({ res, json }) => {
          const b = await json<{ advanceMs?: number; set?: number }>();
          if (typeof b.set === 'number') await this.clock.set(b.set);
          if (typeof b.advanceMs === 'number') await this.clock.advance(b.advanceMs);
          sendJson(res, 200, { now: this.clock.now(), manual: this.clock.manual });
        },
      },
      {
        method: 'GET',
        path: '/_emulator/actions',
        handler: ({ res }) => sendJson(res, 200, { actions: this.supportedActions() }),
      },
    ];
  }
}

function readFunctionsRoot(projectDir: string): string {
  const cfg = path.join(projectDir, 'project.config.json');
  if (existsSync(cfg)) {
    try {
      const root = JSON.parse(readFileSync(cfg, 'utf8')).cloudfunctionRoot;
      if (typeof root === 'string' && root) return root;
    } catch {
      /* fall through to the default */
    }
  }
  return 'cloudfunctions';
}

interface AdminBody {
  body: Record<string, unknown>;
  files: Record<string, Buffer>;
}

/** The SDK posts JSON, except wx.openApi / wx.wxPayApi which are multipart/form-data. */
async function parseAdminBody(req: IncomingMessage): Promise<AdminBody> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const raw = await readBody(req);
    if (!raw.length) return { body: {}, files: {} };
    try {
      return { body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: {} };
    } catch {
      throw new TcbError(TcbCodes.INVALID_PARAM, 'request body is not JSON');
    }
  }
  return new Promise<AdminBody>((resolve, reject) => {
    const body: Record<string, unknown> = {};
    const files: Record<string, Buffer> = {};
    const bb = busboy({ headers: req.headers, limits: { fileSize: 50 * 1024 * 1024 } });
    bb.on('field', (name, value) => {
      body[name] = value;
    });
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        files[name] = Buffer.concat(chunks);
      });
    });
    bb.on('error', reject);
    bb.on('close', () => resolve({ body, files }));
    req.pipe(bb);
  });
}

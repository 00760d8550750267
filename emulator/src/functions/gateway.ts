import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerIdentity, InvokeResult } from '../core/contracts';
import { sendJson, type Route } from '../core/http';
import { clientError } from './platform-errors';
import type { InvocationView } from './service';

export interface GatewayBackend {
  invoke(name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult>;
  defaultAppId(): string;
  recent(limit: number): InvocationView[];
  functions(): unknown[];
}

const IDENTITY_HEADERS = ['x-wx-openid', 'x-wx-appid', 'x-wx-unionid', 'x-wx-source'];

/** Lets DevTools' simulator (a browser context) call the gateway. */
function cors(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'POST, GET, OPTIONS');
  res.setHeader('access-control-allow-headers', ['content-type', ...IDENTITY_HEADERS].join(', '));
  res.setHeader('access-control-expose-headers', 'x-invocation-id');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : undefined;
}

/** The caller a mini-program client claims through the gateway's headers (source defaults to `wx_client`). */
export function identityFromHeaders(req: IncomingMessage, defaultAppId: string): CallerIdentity {
  return {
    openid: header(req, 'x-wx-openid'),
    appid: header(req, 'x-wx-appid') ?? defaultAppId,
    unionid: header(req, 'x-wx-unionid'),
    source: header(req, 'x-wx-source') ?? 'wx_client',
  };
}

/**
 * The HTTP face of the functions runtime:
 * - `POST /functions/<name>` with `{"data": event}` — what `wx.cloud.callFunction` does in the mini-program.
 *   Success: `{result, requestId}`; failure: HTTP 200 `{errCode, errMsg, requestId}` as the client rejects with.
 *   Header `x-invocation-id` names the invocation (for its quota).
 * - `GET /_emulator/invocations?limit=` — recent invocations with their quota.
 * - `GET /_emulator/functions` — the functions found and their instances.
 */
export function gatewayRoutes(backend: GatewayBackend): Route[] {
  return [
    {
      method: 'OPTIONS',
      path: '/functions/:name',
      handler: ({ res }) => {
        cors(res);
        res.writeHead(204, { 'content-length': 0 });
        res.end();
      },
    },
    {
      method: 'POST',
      path: '/functions/:name',
      handler: async ({ req, res, params, json }) => {
        cors(res);
        const body = await json<{ data?: unknown }>();
        const identity = identityFromHeaders(req, backend.defaultAppId());
        const out = await backend.invoke(params.name, body?.data ?? {}, identity);
        res.setHeader('x-invocation-id', out.requestId);
        if (out.ok) return sendJson(res, 200, { result: out.result ?? null, requestId: out.requestId });
        sendJson(res, 200, { ...clientError(out.code, out.message), requestId: out.requestId });
      },
    },
    {
      method: 'GET',
      path: '/_emulator/invocations',
      handler: ({ res, url }) => {
        cors(res);
        const n = Number(url.searchParams.get('limit') ?? 50);
        const limit = Number.isFinite(n) ? Math.min(500, Math.max(1, Math.floor(n))) : 50;
        sendJson(res, 200, { invocations: backend.recent(limit) });
      },
    },
    {
      method: 'GET',
      path: '/_emulator/functions',
      handler: ({ res }) => {
        cors(res);
        sendJson(res, 200, { functions: backend.functions() });
      },
    },
  ];
}

import type { Route } from './http';

/** What one TCB `/admin` action receives. */
export interface ActionRequest {
  action: string;
  /** The JSON body (for multipart actions: the text fields). */
  body: Record<string, unknown>;
  /** Binary multipart fields (wx.openApi / wx.wxPayApi `requestData`, `apiOptions`). */
  files: Record<string, Buffer>;
  envName: string;
  requestId: string;
  /** `wxCloudApiToken`: the per-invocation token the functions runtime hands each invocation. */
  token: string | undefined;
}

/**
 * The reply to an action. `json` is sent as the JSON body (a `requestId` is added);
 * `raw` is sent as-is with its content type (openapi answers raw protobuf).
 */
export type ActionReply = { json: Record<string, unknown> } | { raw: Buffer; contentType: string };

export type ActionHandler = (req: ActionRequest) => Promise<ActionReply> | ActionReply;

export interface StatusSection {
  title: string;
  /** Pre-escaped HTML fragment. */
  html: string;
}

/** One emulated service: its wire actions, its own HTTP routes, status, lifecycle. */
export interface EmulatorService {
  readonly name: string;
  actions?(): Record<string, ActionHandler>;
  routes?(): Route[];
  status?(): Promise<StatusSection[]> | StatusSection[];
  start?(): Promise<void>;
  /** Flush and release resources. */
  stop?(): Promise<void>;
  /** Drop all state (the `reset` command / tests). */
  reset?(): Promise<void>;
}

/** Builds the ActionContext of a real invocation from the platform (wx-server-sdk + the SCF context). */
import { getCloud, getDatabase } from './cloud';
import type { ActionContext } from './context';
import { createLogger } from './logger';

/** The second argument the platform passes to `main` (only the fields used here). */
export interface PlatformContext {
  request_id?: string;
  function_name?: string;
  [k: string]: unknown;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function platformContext(functionName: string, context: PlatformContext | undefined): ActionContext {
  const wx = getCloud().getWXContext();
  const requestId = str(context?.request_id);
  return {
    openid: str(wx.OPENID),
    appid: str(wx.APPID),
    unionid: str(wx.UNIONID),
    source: str(wx.SOURCE),
    requestId,
    db: getDatabase(),
    now: () => Date.now(),
    log: createLogger({ fn: str(context?.function_name) || functionName, requestId }),
  };
}

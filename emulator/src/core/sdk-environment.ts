/**
 * The environment a process needs so that the unmodified wx-server-sdk / @cloudbase/node-sdk talk to this
 * emulator (see shared notes §0 and §3).
 */
export function sdkEnvironment(adminUrl: string, opts: { envId?: string; token?: string; openid?: string; appid?: string; unionid?: string; source?: string } = {}): Record<string, string> {
  const env: Record<string, string> = {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TCB_ENV: opts.envId ?? 'local',
    SCF_NAMESPACE: opts.envId ?? 'local',
    TCB_SOURCE: opts.source ?? 'wx_client',
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SOURCE',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
    WX_OPENID: opts.openid ?? '',
    WX_APPID: opts.appid ?? '',
    WX_UNIONID: opts.unionid ?? '',
    WX_API_TOKEN: opts.token ?? '',
  };
  return env;
}

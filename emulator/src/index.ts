import { EmulatorController, type ServiceFactory } from './controller';
import type { EmulatorOptions } from './core/context';
import { defaultServices } from './services';

export { EmulatorController } from './controller';
export type { ServiceFactory } from './controller';
export type { EmulatorOptions, EmulatorContext } from './core/context';
export type { CallerIdentity, InvokeResult } from './core/contracts';

/** Creates and starts an emulator with every service; resolves once it listens. */
export async function startEmulator(
  options: EmulatorOptions,
  services: ServiceFactory[] = defaultServices,
): Promise<EmulatorController> {
  const emu = new EmulatorController(options, services);
  await emu.start();
  return emu;
}

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

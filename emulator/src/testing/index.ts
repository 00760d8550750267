/**
 * Helpers for tests (this project's and any WeChat cloud project's): start an in-memory emulator with a manual
 * clock, and point the real SDKs in this process at it.
 */
import { startEmulator, sdkEnvironment, type EmulatorOptions } from '../index';
import type { EmulatorController, ServiceFactory } from '../controller';
import type { CallerIdentity } from '../core/contracts';

export interface TestEmulatorOptions extends Partial<EmulatorOptions> {
  services?: ServiceFactory[];
}

/** An emulator on a free port, in memory unless `dataDir` is given. Remember to `await emu.stop()`. */
export async function startTestEmulator(opts: TestEmulatorOptions = {}): Promise<EmulatorController> {
  const { services, ...rest } = opts;
  const options: EmulatorOptions = {
    projectDir: rest.projectDir ?? process.cwd(),
    dataDir: rest.dataDir ?? null,
    port: 0,
    quiet: true,
    ...rest,
  };
  return services ? startEmulator(options, services) : startEmulator(options);
}

/**
 * Sets this process's environment so that `require('wx-server-sdk')` / `@cloudbase/node-sdk` used directly in a
 * test talk to the emulator, as the identity given. Returns a function restoring the previous environment.
 */
export function pointSdkAt(emu: EmulatorController, identity: CallerIdentity & { token?: string } = {}): () => void {
  const env = sdkEnvironment(emu.ctx.adminUrl(), { envId: emu.ctx.options.envId, ...identity });
  const before: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    before[k] = process.env[k];
    process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

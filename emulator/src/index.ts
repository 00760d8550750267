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

export { sdkEnvironment } from './core/sdk-environment';

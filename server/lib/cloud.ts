/**
 * The one place that initialises wx-server-sdk. `DYNAMIC_CURRENT_ENV` makes every call use the environment the
 * function runs in (the real cloud's, or the emulator's `TCB_ENV`), so the same bundle deploys anywhere.
 */
import cloud = require('wx-server-sdk');

let initialised = false;

/** The initialised SDK (initialised on first use). */
export function getCloud(): typeof cloud {
  if (!initialised) {
    // The typings say `env?: string`, but the SDK documents and accepts the DYNAMIC_CURRENT_ENV symbol.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

export type Database = ReturnType<typeof cloud.database>;

export function getDatabase(): Database {
  return getCloud().database();
}

/**
 * Where the mini-program's cloud calls go. Edit this file (it is the only switch):
 *
 * - `mode: 'emulator'` (default): calls go over HTTP to the local emulator's gateway (`npm start`, then open the
 *   project in WeChat DevTools with "不校验合法域名…" ticked — project.config.json already sets urlCheck:false).
 *   Every call is made as `demoOpenid`. On a phone (preview / real-device debugging) use your computer's LAN
 *   address instead of 127.0.0.1.
 * - `mode: 'cloud'`: calls go to your CloudBase environment with `wx.cloud.callFunction` (needs your own appid in
 *   project.config.json and the environment id below). The openid is then the real user's.
 */
export interface EnvConfig {
  mode: 'cloud' | 'emulator';
  /** The emulator's base URL (its gateway is `${emulatorUrl}/functions/<name>`). */
  emulatorUrl: string;
  /** Your CloudBase environment id (mode 'cloud'), e.g. 'kaidian-1a2b3c'. */
  envId: string;
  /** The openid the emulator sees for every call (mode 'emulator'). The demo seed makes 'demo-staff' the owner (staff) and 'demo-customer' a customer with orders. */
  demoOpenid: string;
}

export const envConfig: EnvConfig = {
  mode: 'emulator',
  emulatorUrl: 'http://127.0.0.1:9700',
  envId: '',
  demoOpenid: 'demo-customer',
};

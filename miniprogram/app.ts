// The mini-program's App. globalData.env is the cloud configuration services/cloud.ts reads at call time.
import { envConfig, type EnvConfig } from './config/env';
import type { EnterResult } from '../typings/api/user';
import { enterShop } from './services/user';
import { flushTracking } from './services/tracking';

export interface AppGlobalData {
  env: EnvConfig;
  /** The caller's user and role, from the latest `user.enter` (set by onShow). */
  user?: EnterResult;
  /** A category the home page asked the category tab to open (wx.switchTab cannot carry a query). */
  categoryId?: string;
}

App<{ globalData: AppGlobalData }>({
  globalData: { env: { ...envConfig } },
  onLaunch() {
    if (this.globalData.env.mode === 'cloud') {
      if (!wx.cloud) {
        console.error('wx.cloud is unavailable: use base library 2.2.3 or later with a real appid');
        return;
      }
      wx.cloud.init({ env: this.globalData.env.envId, traceUser: true });
    }
  },
  onShow() {
    // Each time the mini-program comes to the foreground: record the visit with its scene and QR/share parameters
    // (first/last touch of the user). Never blocks or fails a page.
    const options = wx.getEnterOptionsSync();
    enterShop(options)
      .then((result) => {
        this.globalData.user = result;
      })
      .catch((e: unknown) => console.warn('user.enter failed', e));
  },
  onHide() {
    // Going to the background: send the queued tracking events now (never throws).
    void flushTracking();
  },
});

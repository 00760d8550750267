// The mini-program's App. globalData.env is the cloud configuration services/cloud.ts reads at call time.
import { envConfig, type EnvConfig } from './config/env';

export interface AppGlobalData {
  env: EnvConfig;
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
});

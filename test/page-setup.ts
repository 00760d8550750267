/**
 * Globals the WeChat runtime provides and miniprogram-simulate does not: `getApp` (TDesign components and
 * services/cloud.ts call it) and `getCurrentPages`. test/page-harness.ts replaces the app and the page stack per page.
 */
const g = globalThis as unknown as Record<string, unknown>;
g.__kaidianApp = { globalData: {} };
g.__kaidianPages = [];
g.getApp = () => g.__kaidianApp;
g.getCurrentPages = () => g.__kaidianPages;

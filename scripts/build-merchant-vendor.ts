/**
 * Lays out the chart library for the `merchant` subpackage: `@qiun/ucharts` (native uCharts, an ES module) becomes
 * `miniprogram/merchant/vendor/u-charts.js`, a minified CommonJS file the mini-program `require`s. It lives under
 * the subpackage root, so DevTools ships it in the merchant subpackage only: the customers' main package never
 * downloads it. (It is a devDependency on purpose: DevTools' "Tools → Build npm" only packs `dependencies` into the
 * main package's `miniprogram_npm/`.)
 *
 * Generated and git-ignored, like `miniprogram_npm/`: `npm run build` and jest's globalSetup make it. Idempotent: the
 * file's first line names the package version, and an up-to-date file is left alone; a new one is written to a
 * temporary name and renamed, so two builds at once cannot leave a torn file.
 */
import { transformSync } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const merchantVendorDir = path.join(root, 'miniprogram', 'merchant', 'vendor');
export const UCHARTS_FILE = path.join(merchantVendorDir, 'u-charts.js');

export interface VendorResult {
  name: string;
  version: string;
  written: boolean;
}

export function buildMerchantVendor(): VendorResult {
  const pkgJson = require.resolve('@qiun/ucharts/package.json', { paths: [root] });
  const { version, main } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string; main: string };
  const banner = `// uCharts: @qiun/ucharts ${version}, Copyright (C) 2018-2022 QIUN 秋云, Apache License 2.0. Laid out by scripts/build-merchant-vendor.ts: do not edit.`;
  if (existsSync(UCHARTS_FILE) && readFileSync(UCHARTS_FILE, 'utf8').startsWith(`${banner}\n`)) {
    return { name: '@qiun/ucharts', version, written: false };
  }
  const source = readFileSync(path.join(path.dirname(pkgJson), main), 'utf8');
  const { code } = transformSync(source, { format: 'cjs', target: 'es2015', minify: true, legalComments: 'none', banner });
  mkdirSync(merchantVendorDir, { recursive: true });
  const tmp = `${UCHARTS_FILE}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, code);
  renameSync(tmp, UCHARTS_FILE);
  return { name: '@qiun/ucharts', version, written: true };
}

if (require.main === module) {
  const r = buildMerchantVendor();
  console.log(`merchant/vendor/u-charts.js (${r.name}@${r.version}): ${r.written ? 'written' : 'up to date'}`);
}

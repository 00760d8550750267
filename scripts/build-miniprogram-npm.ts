/**
 * Lays out `miniprogram/miniprogram_npm/` exactly as WeChat DevTools' "Tools → Build npm" does for mini-program
 * npm packages: the package's `miniprogram` folder (default `miniprogram_dist`) is copied to
 * `miniprogram_npm/<package>/`. So DevTools, CI and the page tests (miniprogram-simulate) all see the same files,
 * and nobody has to click "Build npm" by hand.
 *
 * Idempotent and fast when up to date (only changed files are copied; files gone from the package are removed).
 * Each file is written to a temporary name and renamed, so two builds running at once cannot leave a torn file.
 * Also lays out the merchant subpackage's chart library (scripts/build-merchant-vendor.ts), which must NOT go into
 * `miniprogram_npm/` (that folder belongs to the main package).
 * Usage: called by scripts/build.ts (npm run build, jest's globalSetup); `npx tsx scripts/build-miniprogram-npm.ts`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { buildMerchantVendor } from './build-merchant-vendor';

const root = path.resolve(__dirname, '..');
export const miniprogramNpmDir = path.join(root, 'miniprogram', 'miniprogram_npm');

/** The mini-program npm packages the mini-program uses (each must ship a `miniprogram` build folder). */
export const MINIPROGRAM_PACKAGES = ['tdesign-miniprogram'];

export interface NpmLayoutResult {
  name: string;
  version: string;
  copied: number;
  removed: number;
}

/** The folder a mini-program npm package ships for DevTools (`package.json` "miniprogram", default miniprogram_dist). */
export function packageDistDir(name: string): { dir: string; version: string } {
  const pkgJson = require.resolve(`${name}/package.json`, { paths: [root] });
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string; miniprogram?: string };
  const dir = path.join(path.dirname(pkgJson), pkg.miniprogram ?? 'miniprogram_dist');
  if (!existsSync(dir)) throw new Error(`${name} has no ${pkg.miniprogram ?? 'miniprogram_dist'} folder: not a mini-program npm package`);
  return { dir, version: pkg.version };
}

function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, base, out);
    else if (entry.isFile()) out.push(path.relative(base, full));
  }
  return out;
}

function isUpToDate(src: string, dest: string): boolean {
  try {
    const a = statSync(src);
    const b = statSync(dest);
    // copies keep the source mtime (to the millisecond the file system stores)
    return a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 2;
  } catch {
    return false;
  }
}

/** Mirrors `srcDir` into `destDir`: copies new/changed files (keeping their mtime), removes files not in the source. */
export function mirrorDir(srcDir: string, destDir: string): { copied: number; removed: number } {
  const wanted = listFiles(srcDir);
  const wantedSet = new Set(wanted);
  let copied = 0;
  let removed = 0;
  for (const rel of wanted) {
    const src = path.join(srcDir, rel);
    const dest = path.join(destDir, rel);
    if (isUpToDate(src, dest)) continue;
    mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    copyFileSync(src, tmp);
    const st = statSync(src);
    utimesSync(tmp, st.atimeMs / 1000, st.mtimeMs / 1000);
    renameSync(tmp, dest);
    copied++;
  }
  if (existsSync(destDir)) {
    for (const rel of listFiles(destDir)) {
      if (wantedSet.has(rel) || rel.includes('.tmp-')) continue;
      rmSync(path.join(destDir, rel), { force: true });
      removed++;
    }
  }
  return { copied, removed };
}

export async function buildMiniprogramNpm(opts: { quiet?: boolean } = {}): Promise<NpmLayoutResult[]> {
  const results: NpmLayoutResult[] = [];
  for (const name of MINIPROGRAM_PACKAGES) {
    const { dir, version } = packageDistDir(name);
    const { copied, removed } = mirrorDir(dir, path.join(miniprogramNpmDir, name));
    results.push({ name, version, copied, removed });
  }
  const vendor = buildMerchantVendor();
  if (!opts.quiet) {
    for (const r of results) {
      console.log(`miniprogram_npm/${r.name}@${r.version}: ${r.copied ? `${r.copied} files copied` : 'up to date'}${r.removed ? `, ${r.removed} removed` : ''}`);
    }
    console.log(`merchant/vendor/u-charts.js (${vendor.name}@${vendor.version}): ${vendor.written ? 'written' : 'up to date'}`);
  }
  return results;
}

if (require.main === module) {
  buildMiniprogramNpm().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

/**
 * The chart library belongs to the merchant subpackage only: the build lays it out under merchant/vendor/, no file
 * of the main package refers to it (or to anything in merchant/), and it is not a dependency DevTools' "Build npm"
 * would pack into the main package's miniprogram_npm/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MINIPROGRAM = path.resolve(__dirname, '..');
const ROOT = path.resolve(MINIPROGRAM, '..');

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(full, out);
    else if (/\.(ts|js|json|wxml|wxss|wxs)$/.test(e.name) && !e.name.endsWith('.spec.ts')) out.push(full);
  }
  return out;
}

it('the merchant subpackage holds the chart library', () => {
  const app = JSON.parse(readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as { subPackages: Array<{ root: string; pages: string[] }> };
  const merchant = app.subPackages.find((p) => p.root === 'merchant');
  expect(merchant?.pages).toEqual(expect.arrayContaining(['pages/dashboard/index', 'pages/report/index', 'pages/retention/index', 'pages/funnel/index', 'pages/segments/index', 'pages/channels/index']));
  const vendor = path.join(MINIPROGRAM, 'merchant', 'vendor', 'u-charts.js');
  expect(existsSync(vendor)).toBe(true);
  expect(readFileSync(vendor, 'utf8')).toMatch(/^\/\/ uCharts: @qiun\/ucharts /);
  expect(existsSync(path.join(MINIPROGRAM, 'miniprogram_npm', '@qiun'))).toBe(false);
});

it('no main-package file requires the chart library or anything of the merchant subpackage', () => {
  const mainFiles = readdirSync(MINIPROGRAM, { withFileTypes: true })
    .filter((e) => e.name !== 'merchant' && e.name !== 'miniprogram_npm' && e.name !== 'node_modules')
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(MINIPROGRAM, e.name)) : /\.(ts|json|wxml|wxss)$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [path.join(MINIPROGRAM, e.name)] : []));
  expect(mainFiles.length).toBeGreaterThan(20);
  const offenders = mainFiles.filter((f) => {
    const text = readFileSync(f, 'utf8');
    if (/u-charts|ucharts|merchant\/vendor/i.test(text)) return true;
    // a main-package file may link to a merchant page by URL, never import one of its modules
    return /(?:from\s+|require\()\s*['"][^'"]*merchant\//.test(text);
  });
  expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
});

it('is a devDependency, so DevTools "Build npm" leaves it out of the main package', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  expect(pkg.dependencies?.['@qiun/ucharts']).toBeUndefined();
  expect(pkg.devDependencies?.['@qiun/ucharts']).toMatch(/^\d/);
});

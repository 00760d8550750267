/**
 * Screenshots of pages as a person would see them (a developer tool, not CI): runs the page specs that call
 * `writePreviewIfAsked` (test/page-preview.ts) with KAIDIAN_PREVIEW_DIR set, bundles the chart code for the browser
 * (`kd-charts.js`: charts/uoptions.ts + the same uCharts build as the merchant subpackage), and has headless
 * Chromium screenshot each HTML file at 750 px wide (a 375-pt phone at 2×).
 *
 *   npx tsx scripts/preview-page.ts [spec paths…]     (default: the dashboard page specs)
 *   → tmp/preview/<page>.html and .png
 *
 * Needs a Chromium on the PATH (`apt-get install -y chromium fonts-noto-cjk`); without one it stops after the HTML.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'tmp', 'preview');
const specs = process.argv.slice(2).length ? process.argv.slice(2) : ['miniprogram/merchant/pages/dashboard'];

function chromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.trim();
  }
  return null;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
buildSync({
  stdin: {
    contents: `
      import { toUChartsOptions } from './merchant/charts/uoptions';
      import UCharts from './merchant/vendor/u-charts';
      (window as any).kdDrawChart = (canvas: HTMLCanvasElement, spec: any) => {
        const options = toUChartsOptions(spec, { width: canvas.clientWidth / 2, height: canvas.clientHeight / 2, pixelRatio: 2 });
        canvas.width = options.width;
        canvas.height = options.height;
        new UCharts({ ...options, context: canvas.getContext('2d') as any });
      };`,
    resolveDir: path.join(root, 'miniprogram'),
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  outfile: path.join(outDir, 'kd-charts.js'),
  logLevel: 'error',
});

const jest = spawnSync(path.join(root, 'node_modules', '.bin', 'jest'), specs, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KAIDIAN_PREVIEW_DIR: outDir },
});
if (jest.status !== 0) process.exitCode = 1;

const browser = chromium();
const pages = readdirSync(outDir).filter((f) => f.endsWith('.html'));
if (!browser) {
  console.log(`no chromium on the PATH: HTML previews only, in ${outDir}`);
} else {
  for (const html of pages) {
    const png = path.join(outDir, html.replace(/\.html$/, '.png'));
    execFileSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1', '--window-size=750,2200', '--virtual-time-budget=3000', `--screenshot=${png}`, `file://${path.join(outDir, html)}`], { stdio: 'ignore' });
    console.log(existsSync(png) ? `screenshot: ${path.relative(root, png)}` : `no screenshot for ${html}`);
  }
}

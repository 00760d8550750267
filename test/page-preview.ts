/**
 * Page previews: turns a page rendered by the page harness into a standalone HTML file a browser can show (and
 * headless Chromium can screenshot, see scripts/preview-page.ts), to check what a person would see.
 *
 * - HTML: the rendered `comp.dom.outerHTML` (wx-view, wx-text… elements with the scoped class names simulate gives:
 *   `<tag>--<class>`, where `<tag>` is `main` for the page and the usingComponents name for a component).
 * - CSS: app.wxss, the page's and every reachable component's WXSS (TDesign included), `@import`s inlined, each class
 *   selector scoped the same way, `page` → `body`. rpx stay as px: the preview is 750 px wide (1 rpx = 1 px, a
 *   375-pt phone at 2×), which is also how simulate writes inline rpx styles.
 * - Charts (optional): for each chart component selector, its ChartSpec is embedded and drawn into a real
 *   `<canvas>` in the browser with the same pure options module and the same uCharts build the mini-program uses
 *   (`kd-charts.js` next to the HTML, bundled for the browser by scripts/preview-page.ts: esbuild does not run in
 *   jest's jsdom).
 *
 * Opt-in from a page spec: `await writePreviewIfAsked(page, 'merchant/pages/dashboard/index', { charts: ['#trend'] })`
 * writes `<KAIDIAN_PREVIEW_DIR>/<page path with - for />.html` only when that variable is set.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_DIR, type PageHandle } from './page-harness';

export interface PreviewOptions {
  /** Selectors of chart components (`kd-chart`) in page order: their canvases get drawn. */
  charts?: string[];
  title?: string;
}

const ELEMENT_DEFAULTS = `
* { box-sizing: border-box; }
html, body { margin: 0; width: 750px; }
wx-view, wx-scroll-view, wx-swiper, wx-form, wx-canvas, wx-image, main { display: block; }
wx-text, wx-label { display: inline; }
wx-button { display: block; }
wx-canvas { width: 100%; }
wx-scroll-view { overflow-x: auto; }
`;

type Json = { usingComponents?: Record<string, string> };

function readJson(file: string): Json {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : {};
}

/** `ref` of a usingComponents entry, from the component at `from` (both without extension, relative to miniprogram/). */
function resolveComponent(from: string, ref: string): string {
  return ref.startsWith('/') ? ref.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), ref));
}

/** tag → component path, for the page and everything it (and app.json) uses, recursively. */
function componentTags(pagePath: string): Map<string, string> {
  const tags = new Map<string, string>();
  const queue: Array<[string, string]> = [];
  const add = (from: string, using: Record<string, string> = {}) => {
    for (const [tag, ref] of Object.entries(using)) queue.push([tag, resolveComponent(from, ref)]);
  };
  add('app', readJson(path.join(MINIPROGRAM_DIR, 'app.json')).usingComponents);
  add(pagePath, readJson(path.join(MINIPROGRAM_DIR, `${pagePath}.json`)).usingComponents);
  while (queue.length) {
    const [tag, comp] = queue.shift()!;
    if (tags.has(tag)) continue;
    tags.set(tag, comp);
    add(comp, readJson(path.join(MINIPROGRAM_DIR, `${comp}.json`)).usingComponents);
  }
  return tags;
}

/** A WXSS file with its `@import`s inlined (each file once). */
function inlineImports(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/@import\s+['"]([^'"]+)['"]\s*;/g, (_m, ref: string) => inlineImports(path.resolve(path.dirname(file), ref), seen));
}

function scopeSelector(selector: string, tag: string): string {
  return selector
    .replace(/\.([A-Za-z_][\w-]*)/g, `.${tag}--$1`)
    .replace(/:host/g, tag)
    .replace(/(^|[\s,>+~])page(?=$|[\s,.:{[>+~])/g, '$1body');
}

/** Scopes every rule's selector (inside @media / @supports too); keyframes and font faces are kept as they are. */
export function scopeCss(css: string, tag: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    const selector = css.slice(i, open).trim();
    // find the matching close brace
    let depth = 1;
    let j = open + 1;
    while (j < css.length && depth) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
      j++;
    }
    const body = css.slice(open + 1, j - 1);
    if (/^@(media|supports)/.test(selector)) out += `${selector}{${scopeCss(body, tag)}}\n`;
    else if (selector.startsWith('@')) out += `${selector}{${body}}\n`;
    else out += `${scopeSelector(selector, tag)}{${body}}\n`;
    i = j;
  }
  return out.replace(/(\d)rpx/g, '$1px');
}

export function previewHtml(page: PageHandle, pagePath: string, opts: PreviewOptions = {}): string {
  const parts = [ELEMENT_DEFAULTS, scopeCss(inlineImports(path.join(MINIPROGRAM_DIR, 'app.wxss')), 'main')];
  parts.push(scopeCss(inlineImports(path.join(MINIPROGRAM_DIR, `${pagePath}.wxss`)), 'main'));
  for (const [tag, comp] of componentTags(pagePath)) parts.push(scopeCss(inlineImports(path.join(MINIPROGRAM_DIR, `${comp}.wxss`)), tag));
  const specs = (opts.charts ?? []).map((sel) => page.comp.querySelector(sel)?.instance?.data?.spec ?? null);
  const draw = specs.length
    ? `<script src="kd-charts.js"></script><script>
        const specs = ${JSON.stringify(specs)};
        document.querySelectorAll('wx-canvas').forEach((el, i) => {
          if (!specs[i]) return;
          const c = document.createElement('canvas');
          c.setAttribute('style', (el.getAttribute('style') || '') + ';width:100%;display:block;');
          el.replaceWith(c);
          try { kdDrawChart(c, specs[i]); } catch (e) { document.title = 'chart error: ' + e.message; }
        });
      </script>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${opts.title ?? pagePath}</title>
<style>${parts.join('\n')}</style></head><body>${page.dom.outerHTML}${draw}</body></html>`;
}

/** Writes the preview when KAIDIAN_PREVIEW_DIR is set (scripts/preview-page.ts sets it); returns the file or null. */
export function writePreviewIfAsked(page: PageHandle, pagePath: string, opts: PreviewOptions = {}): string | null {
  const dir = process.env.KAIDIAN_PREVIEW_DIR;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${pagePath.replace(/\//g, '-')}.html`);
  writeFileSync(file, previewHtml(page, pagePath, opts));
  return file;
}

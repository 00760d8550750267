import type { StatusSection } from '../core/service';

export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The status page a person opens at the emulator's root URL: one section per service. */
export function renderStatusPage(baseUrl: string, sections: StatusSection[]): string {
  const nav = sections.map((s, i) => `<a href="#s${i}">${escapeHtml(s.title)}</a>`).join(' · ');
  const body = sections
    .map((s, i) => `<section id="s${i}"><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cloud emulator · status</title>
<meta http-equiv="refresh" content="10">
<style>
body{font:14px/1.45 -apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f5f6f7;color:#1f2329}
header{background:#07c160;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}header small{opacity:.85}
nav{padding:8px 24px;background:#fff;border-bottom:1px solid #e5e6eb}nav a{color:#0052d9;text-decoration:none}
main{padding:8px 24px 40px}section{background:#fff;border-radius:8px;padding:8px 16px 16px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:16px;margin:8px 0}table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#fafafa;font-weight:600}code,pre{font:12px/1.4 Menlo,Consolas,monospace}pre{white-space:pre-wrap;word-break:break-all;margin:0;max-height:8em;overflow:auto}
.ok{color:#07c160}.err{color:#e34d59}.muted{color:#86909c}
</style></head><body>
<header><h1>Cloud emulator</h1><small>${escapeHtml(baseUrl)} · SDK endpoint <code>${escapeHtml(baseUrl)}/admin</code></small></header>
<nav>${nav || '<span class="muted">no services</span>'}</nav>
<main>${body}</main></body></html>`;
}

/** A small helper for services: an HTML table from rows. */
export function htmlTable(headers: string[], rows: unknown[][]): string {
  if (!rows.length) return '<p class="muted">nothing yet</p>';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

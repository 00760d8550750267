/** The database section of the status page: collections, counts, indexes and the latest documents. */
import type { StatusSection } from '../core/service';
import { escapeHtml, htmlTable } from '../status/page';
import { toDisplay } from './ejson';
import type { Store } from './store';

const RECENT = 5;

export function databaseStatus(store: Store, info: { openTransactions: number; persistence: string; autoCreate: boolean }): StatusSection {
  const rows = store
    .collections()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((col) => {
      const entries = [...col.entries.values()];
      const recent = entries
        .slice(-RECENT)
        .reverse()
        .map((e) => `<pre>${escapeHtml(toDisplay(e.doc))}</pre>`)
        .join('');
      const indexes = col.indexes
        .specs()
        .map((s) => `${escapeHtml(s.name)}${s.unique ? ' <b>unique</b>' : ''} <code>${escapeHtml(JSON.stringify(s.keys))}</code>`)
        .join('<br>');
      return [`<code>${escapeHtml(col.name)}</code>`, String(entries.length), indexes || '<span class="muted">_id only</span>', recent || '<span class="muted">empty</span>'];
    });
  const summary =
    `<p>${store.collections().length} collection(s) · ${info.openTransactions} open transaction(s) · ` +
    `${escapeHtml(info.persistence)} · missing collections ${info.autoCreate ? 'are created on first write' : 'are an error (as on the real cloud)'}</p>`;
  return { title: 'Database', html: summary + htmlTable(['Collection', 'Documents', 'Indexes', `Latest ${RECENT}`], rows) };
}

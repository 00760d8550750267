import { escapeHtml, htmlTable } from '../status/page';
import type { InvocationView } from './service';

function time(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** The functions section of the status page: the functions with their instances, then recent invocations. */
export function renderFunctionsStatus(
  functions: Array<{ name: string; timeoutMs: number; instances: number; busy: number; queued: number }>,
  invocations: InvocationView[],
): string {
  const fnTable = htmlTable(
    ['function', 'timeout', 'warm instances', 'busy', 'queued'],
    functions.map((f) => [
      `<code>${escapeHtml(f.name)}</code>`,
      `${f.timeoutMs / 1000} s`,
      f.instances,
      f.busy,
      f.queued,
    ]),
  );
  const invTable = htmlTable(
    ['time', 'function', 'openid', 'source', 'duration', 'result / error', 'reads', 'writes'],
    invocations.map((i) => [
      escapeHtml(time(i.startedAt)),
      `<code>${escapeHtml(i.functionName)}</code>`,
      i.openid ? `<code>${escapeHtml(i.openid)}</code>` : '<span class="muted">–</span>',
      escapeHtml(i.source ?? ''),
      i.finished ? `${escapeHtml(i.durationMs ?? 0)} ms` : '<span class="muted">running</span>',
      !i.finished
        ? ''
        : i.ok
          ? `<pre class="ok">${escapeHtml(i.result ?? '')}</pre>`
          : `<pre class="err">${escapeHtml(`${i.code}: ${i.message ?? ''}`)}</pre>`,
      i.quota.dbReadRequests,
      i.quota.dbWriteRequests,
    ]),
  );
  return `<h3>Functions</h3>${fnTable}<h3>Recent invocations</h3>${invTable}`;
}

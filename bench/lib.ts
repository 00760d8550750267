/** Small benchmark helpers: run a task N times, report median and p95 in a table. */
export interface BenchRow {
  name: string;
  median: string;
  p95: string;
  extra?: string;
}

export async function measure(n: number, task: (i: number) => Promise<unknown>, warmup = Math.min(20, n)): Promise<{ median: number; p95: number; samples: number[] }> {
  for (let i = 0; i < warmup; i++) await task(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await task(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ...summarize(samples), samples };
}

export function summarize(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
  return { median: at(0.5), p95: at(0.95) };
}

export function ms(v: number): string {
  return `${v.toFixed(v < 10 ? 2 : 1)} ms`;
}

export function printTable(title: string, rows: BenchRow[]): void {
  const headers = ['benchmark', 'median', 'p95', 'notes'];
  const data = rows.map((r) => [r.name, r.median, r.p95, r.extra ?? '']);
  const widths = headers.map((h, i) => Math.max(h.length, ...data.map((d) => d[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const d of data) console.log(line(d));
}

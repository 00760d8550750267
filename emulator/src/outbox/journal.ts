import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * An append-only JSON-lines file: one record per line. Lines that do not parse (a torn last write) are skipped.
 */
export class JsonLinesJournal<T> {
  constructor(readonly file: string) {}

  readAll(): T[] {
    if (!existsSync(this.file)) return [];
    const out: T[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as T);
      } catch {
        /* skip a damaged line */
      }
    }
    return out;
  }

  append(record: T): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }

  truncate(): void {
    if (existsSync(this.file)) writeFileSync(this.file, '');
  }
}

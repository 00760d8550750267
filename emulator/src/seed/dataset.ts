import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';

/** Data to put into a fresh emulator: documents per collection, and files per cloud path. */
export interface Dataset {
  collections?: Record<string, Array<Record<string, unknown>>>;
  /** cloudPath → the bytes, or the path of a local file holding them. */
  files?: Record<string, Buffer | string>;
}

/**
 * Reads a dataset folder:
 *
 * ```
 * <dir>/collections/<name>.json    a JSON array of documents (Extended JSON allowed: {"$date": "2024-01-01T00:00:00Z"})
 * <dir>/collections/<name>.jsonl   one document per line
 * <dir>/files/<cloud path>         uploaded under that path (e.g. files/goods/1.jpg → cloud path goods/1.jpg)
 * ```
 */
export function loadDataset(dir: string): Dataset {
  const dataset: Dataset = { collections: {}, files: {} };
  const collDir = path.join(dir, 'collections');
  if (existsSync(collDir)) {
    for (const entry of readdirSync(collDir).sort()) {
      const file = path.join(collDir, entry);
      const ext = path.extname(entry);
      if (ext !== '.json' && ext !== '.jsonl') continue;
      const name = path.basename(entry, ext);
      const text = readFileSync(file, 'utf8');
      const docs = ext === '.json' ? parseArray(text, file) : parseLines(text, file);
      dataset.collections![name] = [...(dataset.collections![name] ?? []), ...docs];
    }
  }
  const filesDir = path.join(dir, 'files');
  if (existsSync(filesDir)) {
    for (const file of walk(filesDir)) {
      dataset.files![path.relative(filesDir, file).split(path.sep).join('/')] = file;
    }
  }
  return dataset;
}

function parseArray(text: string, file: string): Array<Record<string, unknown>> {
  let value: unknown;
  try {
    value = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw new Error(`${file} is not valid (Extended) JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value) || value.some((d) => !d || typeof d !== 'object' || Array.isArray(d))) {
    throw new Error(`${file} must hold a JSON array of documents`);
  }
  return value as Array<Record<string, unknown>>;
}

function parseLines(text: string, file: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      let value: unknown;
      try {
        value = EJSON.parse(line, { relaxed: true });
      } catch (e) {
        throw new Error(`${file}:${i + 1} is not valid (Extended) JSON: ${(e as Error).message}`);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}:${i + 1} is not a document`);
      return value as Record<string, unknown>;
    });
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

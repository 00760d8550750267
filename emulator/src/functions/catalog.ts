import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FunctionConfig } from '../core/contracts';

/** CloudBase's default execution timeout, in seconds, when `config.json` sets none. */
export const DEFAULT_TIMEOUT_SECONDS = 3;

/** One deployable function folder: `<root>/<name>/index.js` plus an optional `config.json`. */
export interface FunctionDef {
  name: string;
  dir: string;
  entry: string;
  config: FunctionConfig;
  timeoutMs: number;
  /** The mtime of `index.js`; a change means new code (hot reload). */
  codeVersion: number;
}

/**
 * Finds the functions of a project as the platform sees them: every folder under the functions root holding an
 * `index.js`. Looked up on every call, so new, edited and deleted functions are seen without a restart.
 */
export class FunctionCatalog {
  private readonly configCache = new Map<string, { mtimeMs: number; config: FunctionConfig }>();

  constructor(readonly root: string) {}

  names(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(path.join(this.root, d.name, 'index.js')))
      .map((d) => d.name)
      .sort();
  }

  /** The function's current definition, or undefined when there is no such folder with an `index.js`. */
  get(name: string): FunctionDef | undefined {
    if (!isPlainName(name)) return undefined;
    const dir = path.join(this.root, name);
    const entry = path.join(dir, 'index.js');
    let codeVersion: number;
    try {
      const st = statSync(entry);
      if (!st.isFile()) return undefined;
      codeVersion = st.mtimeMs;
    } catch {
      return undefined;
    }
    const config = this.readConfig(name, dir);
    const timeout = typeof config.timeout === 'number' && config.timeout > 0 ? config.timeout : DEFAULT_TIMEOUT_SECONDS;
    return { name, dir, entry, config, timeoutMs: Math.round(timeout * 1000), codeVersion };
  }

  config(name: string): FunctionConfig | undefined {
    const def = this.get(name);
    return def ? def.config : undefined;
  }

  private readConfig(name: string, dir: string): FunctionConfig {
    const file = path.join(dir, 'config.json');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      this.configCache.delete(name);
      return {};
    }
    const cached = this.configCache.get(name);
    if (cached && cached.mtimeMs === mtimeMs) return cached.config;
    let config: FunctionConfig = {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as FunctionConfig;
    } catch {
      config = {};
    }
    this.configCache.set(name, { mtimeMs, config });
    return config;
  }
}

/** A function name is one path segment (no traversal out of the functions root). */
function isPlainName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !name.includes('/') && !name.includes('\\') && name !== '.' && name !== '..';
}

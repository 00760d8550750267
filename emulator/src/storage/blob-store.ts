import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertCloudPath } from './paths';

export interface StoredFile {
  cloudPath: string;
  size: number;
  /** Emulator clock time of the last write (ms). */
  updatedAt: number;
}

/** Where file bytes live: memory (tests) or a folder (the data dir). Paths are validated cloud paths. */
export interface BlobStore {
  put(cloudPath: string, bytes: Buffer, at: number): Promise<void>;
  get(cloudPath: string): Promise<Buffer | null>;
  stat(cloudPath: string): Promise<StoredFile | null>;
  delete(cloudPath: string): Promise<boolean>;
  list(): Promise<StoredFile[]>;
  clear(): Promise<void>;
}

export class MemoryBlobStore implements BlobStore {
  private files = new Map<string, { bytes: Buffer; at: number }>();

  async put(cloudPath: string, bytes: Buffer, at: number): Promise<void> {
    this.files.set(assertCloudPath(cloudPath), { bytes: Buffer.from(bytes), at });
  }

  async get(cloudPath: string): Promise<Buffer | null> {
    return this.files.get(cloudPath)?.bytes ?? null;
  }

  async stat(cloudPath: string): Promise<StoredFile | null> {
    const f = this.files.get(cloudPath);
    return f ? { cloudPath, size: f.bytes.length, updatedAt: f.at } : null;
  }

  async delete(cloudPath: string): Promise<boolean> {
    return this.files.delete(cloudPath);
  }

  async list(): Promise<StoredFile[]> {
    return [...this.files.entries()]
      .map(([cloudPath, f]) => ({ cloudPath, size: f.bytes.length, updatedAt: f.at }))
      .sort((a, b) => a.cloudPath.localeCompare(b.cloudPath));
  }

  async clear(): Promise<void> {
    this.files.clear();
  }
}

/**
 * Files as plain files under `root` (`<dataDir>/storage/`), laid out by cloud path so the folder can be browsed.
 * Writes go to a temporary file first and are renamed into place. The modification time is set to the emulator
 * clock. A cloud path can never resolve outside `root` (checked after validation, belt and braces).
 */
export class DiskBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private fileFor(cloudPath: string): string {
    assertCloudPath(cloudPath);
    const full = path.resolve(this.root, ...cloudPath.split('/'));
    if (!full.startsWith(this.root + path.sep)) throw new Error(`cloud path escapes the storage folder: ${cloudPath}`);
    return full;
  }

  async put(cloudPath: string, bytes: Buffer, at: number): Promise<void> {
    const file = this.fileFor(cloudPath);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(this.root, `.upload-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(tmp, bytes);
    await fs.utimes(tmp, at / 1000, at / 1000);
    try {
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async get(cloudPath: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.fileFor(cloudPath));
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async stat(cloudPath: string): Promise<StoredFile | null> {
    try {
      const s = await fs.stat(this.fileFor(cloudPath));
      return s.isFile() ? { cloudPath, size: s.size, updatedAt: Math.round(s.mtimeMs) } : null;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async delete(cloudPath: string): Promise<boolean> {
    const file = this.fileFor(cloudPath);
    try {
      const s = await fs.stat(file);
      if (!s.isFile()) return false;
      await fs.unlink(file);
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
    // Remove folders left empty, up to (not including) the root.
    let dir = path.dirname(file);
    while (dir.startsWith(this.root + path.sep)) {
      try {
        await fs.rmdir(dir);
      } catch {
        break;
      }
      dir = path.dirname(dir);
    }
    return true;
  }

  async list(): Promise<StoredFile[]> {
    const out: StoredFile[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (e) {
        if (isMissing(e)) return;
        throw e;
      }
      for (const d of entries) {
        if (!prefix && d.name.startsWith('.upload-')) continue;
        const rel = prefix ? `${prefix}/${d.name}` : d.name;
        if (d.isDirectory()) await walk(path.join(dir, d.name), rel);
        else if (d.isFile()) {
          const s = await fs.stat(path.join(dir, d.name));
          out.push({ cloudPath: rel, size: s.size, updatedAt: Math.round(s.mtimeMs) });
        }
      }
    };
    await walk(this.root, '');
    return out.sort((a, b) => a.cloudPath.localeCompare(b.cloudPath));
  }

  async clear(): Promise<void> {
    await fs.rm(this.root, { recursive: true, force: true });
  }
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

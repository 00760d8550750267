/**
 * Cloud paths and file ids.
 *
 * A cloud path follows the CloudBase naming rules (not empty, no leading `/`, no `//`, at most 850 bytes, none
 * of the control characters CAN/EM/SUB/ESC). The emulator is stricter in one way that matters on disk: `.` and
 * `..` segments, backslashes and other control characters are refused, so a path can never leave the storage
 * folder.
 *
 * A file id looks like the real one: `cloud://<env>.<bucket>/<path>`, where bucket is
 * `<hex of the env's first two chars>-<env>-1250000000` (the real form is `7465-test-1a2b-1301234567`).
 */

export const MAX_CLOUD_PATH_BYTES = 850;

export class InvalidCloudPathError extends Error {}

/** Returns the reason a cloud path is refused, or null when it is valid. */
export function cloudPathProblem(p: unknown): string | null {
  if (typeof p !== 'string' || p === '') return 'cloudPath must be a non-empty string';
  if (p.startsWith('/')) return 'cloudPath must not start with "/"';
  if (p.endsWith('/')) return 'cloudPath must name a file, not end with "/"';
  if (p.includes('//')) return 'cloudPath must not contain "//"';
  if (Buffer.byteLength(p, 'utf8') > MAX_CLOUD_PATH_BYTES) return `cloudPath is longer than ${MAX_CLOUD_PATH_BYTES} bytes`;
  if (p.includes('\\')) return 'cloudPath must not contain "\\"';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'cloudPath must not contain control characters';
  for (const seg of p.split('/')) {
    if (seg === '.' || seg === '..') return 'cloudPath must not contain "." or ".." segments';
  }
  return null;
}

export function assertCloudPath(p: unknown): string {
  const problem = cloudPathProblem(p);
  if (problem) throw new InvalidCloudPathError(problem);
  return p as string;
}

/** The bucket-like host part of a file id for an env. */
export function bucketFor(env: string): string {
  const e = env || 'local';
  const hex = Buffer.from(e.slice(0, 2), 'utf8').toString('hex');
  return `${hex}-${e}-1250000000`;
}

export function fileIdFor(env: string, cloudPath: string): string {
  const e = env || 'local';
  return `cloud://${e}.${bucketFor(e)}/${cloudPath}`;
}

/**
 * The cloud path inside a file id, or null if the id is not a `cloud://host/path` id with a valid path.
 * The env/bucket part is not checked: the emulator keeps one file namespace.
 */
export function cloudPathOfFileId(fileId: unknown): string | null {
  if (typeof fileId !== 'string') return null;
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  if (!m) return null;
  return cloudPathProblem(m[1]) ? null : m[1];
}

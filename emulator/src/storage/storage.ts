import path from 'node:path';
import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../core/context';
import { TcbCodes, TcbError } from '../core/errors';
import { sendJson, sendText, type Route, type RouteRequest } from '../core/http';
import { newId, newRequestId } from '../core/ids';
import type { ActionHandler, ActionRequest, EmulatorService, StatusSection } from '../core/service';
import { escapeHtml, htmlTable } from '../status/page';
import { DiskBlobStore, MemoryBlobStore, type BlobStore, type StoredFile } from './blob-store';
import { contentTypeFor } from './content-type';
import { cloudPathOfFileId, cloudPathProblem, fileIdFor } from './paths';
import { UrlSigner } from './signing';
import { CLIENT_UPLOAD_PATH, readClientUpload } from './client-upload';

/** Route prefix of the emulator-hosted "COS bucket". */
export const STORAGE_ROUTE = '/_storage';
/** Default lifetime of a temporary download URL (what the real service answers without max_age). */
export const DEFAULT_MAX_AGE_SEC = 86400;
/** Lifetime of an upload authorisation from storage.getUploadMetadata. */
export const UPLOAD_TTL_SEC = 900;
/** The real service takes at most 50 files per getTempFileURL / deleteFile call. */
export const MAX_FILES_PER_CALL = 50;

interface DownloadItem {
  fileID: string;
  code: string;
  tempFileURL?: string;
  maxAge?: number;
  message?: string;
}

/**
 * Service `storage`: cloud storage (uploadFile, getTempFileURL, downloadFile, deleteFile) with the emulator
 * itself acting as the COS bucket at `/_storage/<cloudPath>`.
 */
export class StorageService implements EmulatorService {
  readonly name = 'storage';
  private readonly store: BlobStore;
  private readonly signer = new UrlSigner();

  constructor(private readonly ctx: EmulatorContext) {
    const dir = ctx.options.dataDir;
    this.store = dir ? new DiskBlobStore(path.join(dir, 'storage')) : new MemoryBlobStore();
  }

  // ---- in-process API -------------------------------------------------------------------------------

  /** Stores a file directly (seeding, tests). Returns its file id. */
  async putFile(cloudPath: string, bytes: Buffer | string, env = this.ctx.options.envId): Promise<string> {
    const problem = cloudPathProblem(cloudPath);
    if (problem) throw new TcbError(TcbCodes.INVALID_PARAM, problem);
    await this.store.put(cloudPath, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), this.ctx.clock.now());
    return fileIdFor(env, cloudPath);
  }

  /** The bytes of a file, by file id or cloud path; null when there is no such file. */
  async getFile(fileIdOrPath: string): Promise<Buffer | null> {
    const p = this.resolve(fileIdOrPath);
    return p ? this.store.get(p) : null;
  }

  async listFiles(): Promise<StoredFile[]> {
    return this.store.list();
  }

  /** A signed temporary URL for a stored path (not URI-encoded, as the real service answers). */
  tempUrl(cloudPath: string, maxAgeSec = DEFAULT_MAX_AGE_SEC): string {
    const t = Math.floor(this.ctx.clock.now() / 1000) + maxAgeSec;
    return `${this.ctx.baseUrl()}${STORAGE_ROUTE}/${cloudPath}?sign=${this.signer.sign('get', cloudPath, t)}&t=${t}`;
  }

  fileIdFor(cloudPath: string, env = this.ctx.options.envId): string {
    return fileIdFor(env, cloudPath);
  }

  private resolve(fileIdOrPath: string): string | null {
    if (fileIdOrPath.startsWith('cloud://')) return cloudPathOfFileId(fileIdOrPath);
    return cloudPathProblem(fileIdOrPath) ? null : fileIdOrPath;
  }

  private meter(req: ActionRequest): void {
    this.ctx.quota.add('storageCalls', 1, this.ctx.invocations().byToken(req.token)?.id);
  }

  // ---- TCB actions ----------------------------------------------------------------------------------

  actions(): Record<string, ActionHandler> {
    return {
      'storage.getUploadMetadata': (req) => this.getUploadMetadata(req),
      'storage.batchGetDownloadUrl': (req) => this.batchGetDownloadUrl(req),
      'storage.batchDeleteFile': (req) => this.batchDeleteFile(req),
    };
  }

  private getUploadMetadata(req: ActionRequest) {
    this.meter(req);
    const cloudPath = req.body.path;
    const problem = cloudPathProblem(cloudPath);
    if (problem) throw new TcbError(TcbCodes.INVALID_PARAM, problem);
    const p = cloudPath as string;
    const now = Math.floor(this.ctx.clock.now() / 1000);
    const exp = now + UPLOAD_TTL_SEC;
    const authorization = `q-sign-algorithm=emulator&q-key-time=${now};${exp}&q-signature=${this.signer.sign('put', p, exp)}`;
    const env = req.envName || this.ctx.options.envId;
    const encoded = p.split('/').map(encodeURIComponent).join('/');
    return {
      json: {
        data: {
          url: `${this.ctx.baseUrl()}${STORAGE_ROUTE}/${encoded}`,
          token: `emulator-${newId()}`,
          authorization,
          fileId: fileIdFor(env, p),
          cosFileId: `cos-${newId()}`,
        },
      },
    };
  }

  private async batchGetDownloadUrl(req: ActionRequest) {
    this.meter(req);
    const list = req.body.file_list;
    if (!Array.isArray(list) || list.length === 0) throw new TcbError(TcbCodes.INVALID_PARAM, 'file_list must be a non-empty array');
    if (list.length > MAX_FILES_PER_CALL) throw new TcbError(TcbCodes.INVALID_PARAM, `file_list holds more than ${MAX_FILES_PER_CALL} files`);
    const download_list: DownloadItem[] = [];
    for (const raw of list) {
      const item = (raw ?? {}) as { fileid?: unknown; max_age?: unknown };
      const fileID = String(item.fileid ?? '');
      const p = cloudPathOfFileId(item.fileid);
      if (!p) {
        download_list.push({ fileID, code: TcbCodes.INVALID_PARAM, tempFileURL: '', message: `invalid fileID: ${fileID}` });
        continue;
      }
      const maxAge = typeof item.max_age === 'number' && item.max_age > 0 ? Math.floor(item.max_age) : DEFAULT_MAX_AGE_SEC;
      if (!(await this.store.stat(p))) {
        download_list.push({ fileID, code: TcbCodes.STORAGE_FILE_NONEXIST, tempFileURL: '', message: 'storage file not exists' });
        continue;
      }
      download_list.push({ fileID, code: 'SUCCESS', tempFileURL: this.tempUrl(p, maxAge), maxAge });
    }
    return { json: { data: { download_list } } };
  }

  private async batchDeleteFile(req: ActionRequest) {
    this.meter(req);
    const list = req.body.fileid_list;
    if (!Array.isArray(list) || list.length === 0) throw new TcbError(TcbCodes.INVALID_PARAM, 'fileid_list must be a non-empty array');
    if (list.length > MAX_FILES_PER_CALL) throw new TcbError(TcbCodes.INVALID_PARAM, `fileid_list holds more than ${MAX_FILES_PER_CALL} files`);
    const delete_list: Array<{ fileID: string; code: string; message?: string }> = [];
    for (const raw of list) {
      const fileID = String(raw ?? '');
      const p = cloudPathOfFileId(raw);
      if (!p) delete_list.push({ fileID, code: TcbCodes.INVALID_PARAM, message: `invalid fileID: ${fileID}` });
      else if (await this.store.delete(p)) delete_list.push({ fileID, code: 'SUCCESS' });
      else delete_list.push({ fileID, code: TcbCodes.STORAGE_FILE_NONEXIST, message: 'storage file not exists' });
    }
    return { json: { data: { delete_list } } };
  }

  // ---- the bucket (HTTP) ----------------------------------------------------------------------------

  routes(): Route[] {
    return [
      { method: 'PUT', path: `${STORAGE_ROUTE}/*`, handler: (r) => this.handlePut(r) },
      { method: 'GET', path: `${STORAGE_ROUTE}/*`, handler: (r) => this.handleGet(r) },
      { method: 'POST', path: CLIENT_UPLOAD_PATH, handler: (r) => this.handleClientUpload(r) },
      {
        method: 'OPTIONS',
        path: CLIENT_UPLOAD_PATH,
        handler: ({ res }) => {
          allowCors(res);
          res.writeHead(204);
          res.end();
        },
      },
      {
        method: 'GET',
        path: '/_emulator/storage',
        handler: async ({ res }) => {
          const files = await this.store.list();
          sendJson(res, 200, {
            files: files.map((f) => ({ ...f, fileID: fileIdFor(this.ctx.options.envId, f.cloudPath), tempFileURL: this.tempUrl(f.cloudPath, 3600) })),
          });
        },
      },
    ];
  }

  /** `wx.cloud.uploadFile` from a page in emulator mode (see client-upload.ts). */
  private async handleClientUpload({ req, res }: RouteRequest): Promise<void> {
    allowCors(res);
    this.ctx.quota.add('storageCalls', 1);
    let upload;
    try {
      upload = await readClientUpload(req);
    } catch (e) {
      return sendJson(res, 400, { errCode: -1, errMsg: `cloud.uploadFile:fail ${(e as Error).message}` });
    }
    const problem = cloudPathProblem(upload.cloudPath);
    if (problem) return sendJson(res, 400, { errCode: -1, errMsg: `cloud.uploadFile:fail ${problem}` });
    const fileID = await this.putFile(upload.cloudPath, upload.bytes);
    sendJson(res, 200, { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
  }

  private async handlePut({ req, res, params, body }: RouteRequest): Promise<void> {
    const p = params['*'] ?? '';
    const problem = cloudPathProblem(p);
    if (problem) return cosError(res, 400, 'InvalidURI', problem, p);
    const auth = String(req.headers.authorization ?? '');
    const exp = Number(/q-key-time=\d+;(\d+)/.exec(auth)?.[1]);
    const sig = /q-signature=([0-9a-f]+)/.exec(auth)?.[1] ?? '';
    if (!exp || !this.signer.verify('put', p, exp, sig)) return cosError(res, 403, 'SignatureDoesNotMatch', 'The request signature does not match this upload', p);
    if (exp < Math.floor(this.ctx.clock.now() / 1000)) return cosError(res, 403, 'AccessDenied', 'Request has expired', p);
    const bytes = await body();
    try {
      await this.store.put(p, bytes, this.ctx.clock.now());
    } catch (e) {
      // on disk a file and a folder cannot share a name ("a" and "a/b"); COS allows it, the emulator cannot
      return cosError(res, 409, 'PathConflict', `cannot store ${p}: ${(e as Error).message}`, p);
    }
    res.writeHead(200, { etag: `"${newId()}"`, 'content-length': 0 });
    res.end();
  }

  private async handleGet({ res, url, params }: RouteRequest): Promise<void> {
    const p = params['*'] ?? '';
    if (cloudPathProblem(p)) return cosError(res, 400, 'InvalidURI', 'invalid object key', p);
    const t = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!t || !this.signer.verify('get', p, t, sign)) return cosError(res, 403, 'AccessDenied', 'Access Denied (missing or wrong sign)', p);
    if (t < Math.floor(this.ctx.clock.now() / 1000)) return cosError(res, 403, 'AccessDenied', 'Request has expired', p);
    const bytes = await this.store.get(p);
    if (!bytes) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', p);
    sendText(res, 200, bytes, contentTypeFor(p));
  }

  // ---- lifecycle / status ---------------------------------------------------------------------------

  async reset(): Promise<void> {
    await this.store.clear();
  }

  async status(): Promise<StatusSection[]> {
    const files = await this.store.list();
    const total = files.reduce((n, f) => n + f.size, 0);
    const rows = files.map((f) => [
      `<a href="${escapeHtml(encodeURI(this.tempUrl(f.cloudPath, 3600)))}">${escapeHtml(f.cloudPath)}</a>`,
      escapeHtml(formatSize(f.size)),
      escapeHtml(contentTypeFor(f.cloudPath)),
      escapeHtml(new Date(f.updatedAt).toISOString()),
      `<code>${escapeHtml(fileIdFor(this.ctx.options.envId, f.cloudPath))}</code>`,
    ]);
    const summary = `<p class="muted">${files.length} file(s), ${escapeHtml(formatSize(total))}${this.ctx.options.dataDir ? '' : ' (in memory)'}</p>`;
    return [{ title: 'Storage', html: summary + htmlTable(['path', 'size', 'type', 'updated', 'fileID'], rows) }];
  }
}

function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A COS-style XML error: node-sdk reads Code, Message, RequestId and TraceId from it. */
function cosError(res: ServerResponse, status: number, code: string, message: string, key: string): void {
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${xmlEscape(code)}</Code>\n<Message>${xmlEscape(message)}</Message>\n` +
    `<Resource>/${xmlEscape(key)}</Resource>\n<RequestId>${newRequestId()}</RequestId>\n<TraceId>emulator</TraceId>\n</Error>`;
  sendText(res, status, xml, 'application/xml');
}

export const storageService = (ctx: EmulatorContext): StorageService => new StorageService(ctx);

function allowCors(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'content-type, x-wx-openid, x-wx-appid');
}

/**
 * The mini-program's own upload (`wx.cloud.uploadFile` in the client SDK) for a page running against the emulator:
 * the client posts the file with `wx.uploadFile` as multipart/form-data — field `cloudPath` and the file in `file` —
 * to `POST /_emulator/storage/upload`, and gets `{fileID}` back, as `wx.cloud.uploadFile` answers. Paths follow the
 * same naming rules as server uploads.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

export const CLIENT_UPLOAD_PATH = '/_emulator/storage/upload';
export const CLIENT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export interface ClientUpload {
  cloudPath: string;
  bytes: Buffer;
}

/** Reads the multipart body; rejects a missing file, a missing cloudPath or an oversized file with a message. */
export function readClientUpload(req: IncomingMessage): Promise<ClientUpload> {
  return new Promise((resolve, reject) => {
    const type = String(req.headers['content-type'] ?? '');
    if (!type.startsWith('multipart/form-data')) return reject(new Error('send the file as multipart/form-data (wx.uploadFile)'));
    let cloudPath = '';
    let bytes: Buffer | null = null;
    let tooLarge = false;
    const bb = busboy({ headers: req.headers, limits: { fileSize: CLIENT_UPLOAD_MAX_BYTES, files: 1 } });
    bb.on('field', (name, value) => {
      if (name === 'cloudPath') cloudPath = value;
    });
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        tooLarge = true;
      });
      stream.on('end', () => {
        if (name === 'file') bytes = Buffer.concat(chunks);
      });
    });
    bb.on('error', reject);
    bb.on('close', () => {
      if (tooLarge) return reject(new Error(`the file is over ${CLIENT_UPLOAD_MAX_BYTES} bytes`));
      if (!bytes) return reject(new Error('no file in the "file" field'));
      if (!cloudPath) return reject(new Error('cloudPath is required'));
      resolve({ cloudPath, bytes });
    });
    req.pipe(bb);
  });
}

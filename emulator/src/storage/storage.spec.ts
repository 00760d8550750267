import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorController } from '../controller';
import { pointSdkAt, startTestEmulator } from '../testing';
import { outboxService } from '../outbox';
import { storageService, type StorageService } from './index';

function rawStatus(base: string, method: string, rawPath: string): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path: rawPath }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('x');
  });
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');

describe('storage through the real wx-server-sdk', () => {
  let emu: EmulatorController;
  let restore: () => void;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-storage-'));
    emu = await startTestEmulator({ dataDir, services: [outboxService, storageService] });
    restore = pointSdkAt(emu, { openid: 'o-storage-user' });
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  });

  afterAll(async () => {
    restore();
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uploads, lists a temp URL, downloads and deletes a file', async () => {
    const up = await cloud.uploadFile({ cloudPath: 'img/商品 1.txt', fileContent: Buffer.from('hello 你好') });
    expect(up.fileID).toBe('cloud://local.6c6f-local-1250000000/img/商品 1.txt');
    // persisted under <dataDir>/storage, laid out by cloud path
    expect(readFileSync(path.join(dataDir, 'storage', 'img', '商品 1.txt'), 'utf8')).toBe('hello 你好');

    const urls = await cloud.getTempFileURL({ fileList: [up.fileID, { fileID: up.fileID, maxAge: 60 }] });
    expect(urls.fileList[0]).toMatchObject({ fileID: up.fileID, status: 0, errMsg: 'ok', maxAge: 86400 });
    expect(urls.fileList[1].maxAge).toBe(60);
    // not pre-encoded: the SDK encodeURI()s it before downloading
    expect(urls.fileList[0].tempFileURL).toContain('/_storage/img/商品 1.txt?sign=');

    const res = await fetch(encodeURI(urls.fileList[0].tempFileURL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('hello 你好');

    const down = await cloud.downloadFile({ fileID: up.fileID });
    expect(Buffer.isBuffer(down.fileContent)).toBe(true);
    expect(down.fileContent.toString()).toBe('hello 你好');

    const del = await cloud.deleteFile({ fileList: [up.fileID] });
    expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }]);
    expect(existsSync(path.join(dataDir, 'storage', 'img'))).toBe(false);
    // one metered call per SDK call: getUploadMetadata, batchGetDownloadUrl (twice: getTempFileURL, downloadFile), batchDeleteFile
    expect(emu.quota.totals().storageCalls).toBe(4);
  });

  it('reports missing files the way the SDK maps them', async () => {
    const missing = 'cloud://local.6c6f-local-1250000000/nope.png';
    const urls = await cloud.getTempFileURL({ fileList: [missing] });
    expect(urls.fileList[0]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' });

    // node-sdk throws the per-file code as a plain Error, which wx-server-sdk reports as errCode -1
    await expect(cloud.downloadFile({ fileID: missing })).rejects.toMatchObject({
      errMsg: 'downloadFile:fail storage file not exists',
    });

    const del = await cloud.deleteFile({ fileList: [missing] });
    expect(del.fileList[0]).toMatchObject({ fileID: missing, status: -503003 });
  });

  it('refuses traversal and malformed cloud paths', async () => {
    await expect(cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject({
      errMsg: expect.stringContaining('uploadFile:fail cloudPath must not contain "." or ".." segments'),
    });
    await expect(cloud.uploadFile({ cloudPath: '/abs.txt', fileContent: Buffer.from('x') })).rejects.toBeTruthy();
    // a raw PUT outside an upload authorisation is refused, and so is a path that climbs out
    const put = await fetch(`${emu.baseUrl}/_storage/x.txt`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(403);
    // sent raw (fetch() would resolve dot segments itself); the URL parser drops "%2E%2E" segments, and an
    // encoded slash that smuggles ".." into one segment is refused by the path check
    expect(await rawStatus(emu.baseUrl, 'PUT', '/_storage/a/%2E%2E/%2E%2E/escape.txt')).not.toBe(200);
    expect(await rawStatus(emu.baseUrl, 'PUT', '/_storage/a%2F..%2F..%2Fescape.txt')).toBe(400);
    expect(await rawStatus(emu.baseUrl, 'GET', '/_storage/..%2Foutbox.jsonl?sign=x&t=1')).toBe(400);
    expect(existsSync(path.join(dataDir, 'escape.txt'))).toBe(false);
    // on disk "c/a" cannot be both a file and a folder: the PUT answers a COS-style XML error
    await cloud.uploadFile({ cloudPath: 'c/a', fileContent: Buffer.from('1') });
    await expect(cloud.uploadFile({ cloudPath: 'c/a/b', fileContent: Buffer.from('2') })).rejects.toMatchObject({
      errMsg: expect.stringContaining('[PathConflict]'),
    });
  });

  it('serves only signed, unexpired URLs and seeds files in-process', async () => {
    const storage = emu.service<StorageService>('storage');
    const id = await storage.putFile('seed/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const url = storage.tempUrl('seed/logo.png', 10);
    const ok = await fetch(url);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect((await fetch(url.replace(/sign=[0-9a-f]+/, 'sign=00'))).status).toBe(403);
    await emu.clock.advance(11_000);
    expect((await fetch(url)).status).toBe(403);
    expect((await storage.getFile(id))?.length).toBe(4);

    const page = await (await fetch(`${emu.baseUrl}/`)).text();
    expect(page).toContain('seed/logo.png');
    expect(page).toContain('4 B');
  });

  it('takes a client upload (wx.uploadFile as multipart) and the server SDK downloads it by its fileID', async () => {
    const form = new FormData();
    form.append('cloudPath', 'avatars/o-1.png');
    form.append('file', new Blob([Buffer.from('PNG bytes')]), 'tmp.png');
    const res = await fetch(`${emu.baseUrl}/_emulator/storage/upload`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { fileID: string; errMsg: string };
    expect(body).toMatchObject({ fileID: 'cloud://local.6c6f-local-1250000000/avatars/o-1.png', errMsg: 'cloud.uploadFile:ok' });
    const down = await cloud.downloadFile({ fileID: body.fileID });
    expect(down.fileContent.toString()).toBe('PNG bytes');
  });

  it('refuses a client upload without a file, without a cloudPath, or with a path that leaves the bucket', async () => {
    const noFile = new FormData();
    noFile.append('cloudPath', 'avatars/x.png');
    const a = await fetch(`${emu.baseUrl}/_emulator/storage/upload`, { method: 'POST', body: noFile });
    expect(a.status).toBe(400);
    expect(((await a.json()) as { errMsg: string }).errMsg).toContain('no file');

    const noPath = new FormData();
    noPath.append('file', new Blob([Buffer.from('x')]), 'x.png');
    const b = await fetch(`${emu.baseUrl}/_emulator/storage/upload`, { method: 'POST', body: noPath });
    expect(b.status).toBe(400);
    expect(((await b.json()) as { errMsg: string }).errMsg).toContain('cloudPath is required');

    const escape = new FormData();
    escape.append('cloudPath', '../outside.png');
    escape.append('file', new Blob([Buffer.from('x')]), 'x.png');
    const c = await fetch(`${emu.baseUrl}/_emulator/storage/upload`, { method: 'POST', body: escape });
    expect(c.status).toBe(400);
    expect(existsSync(path.join(dataDir, 'outside.png'))).toBe(false);
  });
});

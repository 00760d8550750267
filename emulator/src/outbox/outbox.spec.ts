import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator } from '../testing';
import { outboxService, type OutboxEntry, type OutboxService } from './index';

describe('outbox', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-outbox-'));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records, filters, persists across restarts and clears', async () => {
    const t0 = Date.UTC(2024, 5, 1);
    let emu = await startTestEmulator({ dataDir, manualClockStart: t0, services: [outboxService] });
    let outbox = emu.service<OutboxService>('outbox');
    const seen: OutboxEntry[] = [];
    outbox.onRecord((e) => seen.push(e));

    outbox.record({ kind: 'openapi', api: 'subscribeMessage.send', openid: 'oA', request: { a: 1 }, response: { errcode: 0 }, errCode: 0 });
    await emu.clock.advance(1000);
    outbox.record({ kind: 'openapi', api: 'customerServiceMessage.send', openid: 'oB', request: {}, response: {}, errCode: 45015 });
    outbox.record({ kind: 'pay-callback', api: 'unifiedOrder', request: {}, response: {}, errCode: 0 });

    expect(seen.map((e) => e.api)).toEqual(['subscribeMessage.send', 'customerServiceMessage.send', 'unifiedOrder']);
    expect(seen[0].at).toBe(t0);
    expect(seen[1].at).toBe(t0 + 1000);
    expect(outbox.list({ kind: 'openapi' })).toHaveLength(2);
    expect(outbox.list({ touser: 'oB' }).map((e) => e.errCode)).toEqual([45015]);
    expect(outbox.list({ ok: true }).map((e) => e.api)).toEqual(['subscribeMessage.send', 'unifiedOrder']);
    expect(outbox.list({ since: t0 + 1 })).toHaveLength(2);

    const http = (await (await fetch(`${emu.baseUrl}/_emulator/outbox?kind=openapi&api=subscribeMessage.send&touser=oA`)).json()) as { entries: OutboxEntry[] };
    expect(http.entries).toEqual([seen[0]]);
    expect(await (await fetch(`${emu.baseUrl}/`)).text()).toContain('customerServiceMessage.send');
    expect(readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    await emu.stop();

    emu = await startTestEmulator({ dataDir, services: [outboxService] });
    outbox = emu.service<OutboxService>('outbox');
    expect(outbox.list()).toEqual(seen);
    const del = await fetch(`${emu.baseUrl}/_emulator/outbox`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(outbox.list()).toEqual([]);
    expect(readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8')).toBe('');
    await emu.stop();
  });
});

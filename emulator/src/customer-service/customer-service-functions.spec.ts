/** End to end: a customer's message reaches a real function, which replies through the real openapi service. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorController } from '../controller';
import { functionsService } from '../functions';
import { openapiService } from '../openapi';
import { outboxService, type OutboxService } from '../outbox';
import { startTestEmulator } from '../testing';
import { customerServiceService, deliverCustomerMessage } from './index';

const CUSTOMER = 'oCustomer_e2e_00000000001';

describe('customer-service push with the real functions runtime', () => {
  let emu: EmulatorController;
  let projectDir: string;

  beforeAll(async () => {
    projectDir = mkdtempSync(path.join(os.tmpdir(), 'emu-kefu-e2e-'));
    writeFileSync(path.join(projectDir, 'emulator.config.json'), JSON.stringify({ customerService: { function: 'kefu' } }));
    emu = await startTestEmulator({
      projectDir,
      functionsRoot: path.join(__dirname, 'fixtures'),
      maxInstancesPerFunction: 1,
      services: [outboxService, openapiService, functionsService, customerServiceService],
    });
  });

  afterAll(async () => {
    await emu.stop();
    rmSync(projectDir, { recursive: true, force: true });
  });

  it('runs the function as the customer with the push event; its reply goes out in the window', async () => {
    const out = await deliverCustomerMessage(emu, { openid: CUSTOMER, msgType: 'text', content: '发货了吗' });
    if (!out.result.ok) throw new Error(out.result.message);
    expect(out.result.result).toEqual({ reply: 'success', from: CUSTOMER, openid: CUSTOMER, source: 'wx_unknown' });
    const sent = emu.service<OutboxService>('outbox').list({ api: 'customerServiceMessage.send' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ openid: CUSTOMER, errCode: 0, invocationId: out.result.requestId, request: { touser: CUSTOMER, msgtype: 'text', text: { content: '收到: 发货了吗' } } });
  });
});

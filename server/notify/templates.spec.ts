/** The template configuration agrees across the client list, the server mapping and the emulator's template list. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKOUT_SUBSCRIBE_KINDS, SUBSCRIBE_TEMPLATES, templateIdsOf } from '../../miniprogram/config/subscribe';
import { sampleOrder } from '../domain/__fixtures__/shop';
import { fit, goodsSummary, messageData, ORDER_MESSAGE_KINDS, ORDER_MESSAGE_TEMPLATES } from './templates';

const emulatorTemplates = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../../emulator.config.json'), 'utf8')) as { subscribeTemplates: Array<{ id: string; keys: string[] }> }
).subscribeTemplates;

it('every message kind has a template id, and the emulator knows it with the same data keys', () => {
  for (const kind of ORDER_MESSAGE_KINDS) {
    const id = SUBSCRIBE_TEMPLATES[kind];
    expect(id).not.toBe('');
    expect(emulatorTemplates.find((t) => t.id === id)?.keys).toEqual(Object.keys(ORDER_MESSAGE_TEMPLATES[kind].fields));
  }
  expect(new Set(Object.values(SUBSCRIBE_TEMPLATES)).size).toBe(ORDER_MESSAGE_KINDS.length);
});

it('checkout asks for at most 3 templates (the wx.requestSubscribeMessage limit)', () => {
  for (const kinds of Object.values(CHECKOUT_SUBSCRIBE_KINDS)) expect(templateIdsOf(kinds).length).toBeLessThanOrEqual(3);
});

it('cuts values to the field limits (thing ≤ 20, character_string ≤ 32)', () => {
  const order = sampleOrder('delivery');
  order.lines[0].title = '埃塞俄比亚耶加雪菲科契尔水洗一级浅度烘焙精品咖啡豆';
  order.fulfilment.shipping = { company: '一家名字非常非常非常非常长的快递物流有限公司', trackingNo: 'SF1', shippedAt: 0 };
  for (const kind of ORDER_MESSAGE_KINDS) {
    for (const [key, { value }] of Object.entries(messageData(kind, order, 0))) {
      const max = key.startsWith('thing') ? 20 : key.startsWith('character_string') ? 32 : 40;
      expect([...value].length).toBeLessThanOrEqual(max);
      expect(value).not.toBe('');
    }
  }
  expect(goodsSummary(order)).toMatch(/… 等4件$/);
  expect(fit('短', 20)).toBe('短');
});

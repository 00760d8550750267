import { z } from 'zod';
import type { ActionSpec, NoInput } from '@typings/envelope';
import { defineAction, defineFunction, INTERNAL_MESSAGE } from './define-function';
import { AppError } from './errors';
import type { ActionContext } from './context';
import { requireOpenid } from './context';
import { createLogger } from './logger';

type TestActions = {
  'echo.name': ActionSpec<{ name: string; qty: number }, { hello: string; qty: number; by: string }>;
  whoami: ActionSpec<NoInput, { openid: string; at: number }>;
  'refuse.stock': ActionSpec<NoInput, never>;
  boom: ActionSpec<NoInput, never>;
  'nested.items': ActionSpec<{ items: Array<{ skuId: string; qty: number }> }, number>;
};

function fakeCtx(over: Partial<ActionContext> = {}) {
  const lines: Array<{ level: string; line: Record<string, unknown> }> = [];
  const log = createLogger({ fn: 'test' }, (level, line) => lines.push({ level, line: JSON.parse(line) }));
  const ctx: ActionContext = {
    openid: 'o-alice',
    appid: 'wx-test',
    unionid: '',
    source: 'wx_client',
    requestId: 'req-1',
    db: {} as ActionContext['db'],
    now: () => 1_700_000_000_000,
    log,
    ...over,
  };
  return { ctx, lines };
}

const fn = defineFunction<TestActions>({
  name: 'test',
  context: () => fakeCtx({ openid: 'o-from-platform' }).ctx,
  actions: {
    'echo.name': defineAction({
      input: z.strictObject({ name: z.string().min(1), qty: z.number().int().positive() }),
      handler: async (input, ctx) => ({ hello: input.name, qty: input.qty, by: ctx.openid }),
    }),
    whoami: defineAction({
      input: z.strictObject({}),
      handler: (_input, ctx) => ({ openid: requireOpenid(ctx), at: ctx.now() }),
    }),
    'refuse.stock': defineAction({
      input: z.strictObject({}),
      handler: async () => {
        throw new AppError('OUT_OF_STOCK', 'Only 2 left.');
      },
    }),
    boom: defineAction({
      input: z.strictObject({}),
      handler: async () => {
        throw new Error('db password is hunter2');
      },
    }),
    'nested.items': defineAction({
      input: z.strictObject({ items: z.array(z.strictObject({ skuId: z.string(), qty: z.number().int().min(1) })).min(1) }),
      handler: async (input) => input.items.reduce((n, i) => n + i.qty, 0),
    }),
  },
});

describe('defineFunction router', () => {
  it('runs the action with the parsed input and the context', async () => {
    const { ctx } = fakeCtx();
    await expect(fn.handle({ action: 'echo.name', input: { name: 'tea', qty: 2 } }, ctx)).resolves.toEqual({
      ok: true,
      data: { hello: 'tea', qty: 2, by: 'o-alice' },
    });
    await expect(fn.handle({ action: 'whoami' }, ctx)).resolves.toEqual({ ok: true, data: { openid: 'o-alice', at: 1_700_000_000_000 } });
  });

  it('takes the openid from the context, never from the event', async () => {
    const { ctx } = fakeCtx({ openid: 'o-real' });
    const out = await fn.handle({ action: 'whoami', input: {}, openid: 'o-forged', userInfo: { openId: 'o-forged' } }, ctx);
    expect(out).toEqual({ ok: true, data: { openid: 'o-real', at: 1_700_000_000_000 } });
    // and an input field named openid is refused by a strict schema rather than trusted
    const forged = await fn.handle({ action: 'whoami', input: { openid: 'o-forged' } }, ctx);
    expect(forged).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('answers UNKNOWN_ACTION for a missing, non-string, unknown or prototype action name', async () => {
    const { ctx } = fakeCtx();
    for (const event of [undefined, null, 'ping', {}, { action: 42 }, { action: 'nope' }, { action: 'toString' }, { action: '__proto__' }]) {
      const out = await fn.handle(event, ctx);
      expect(out).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    }
    const out = await fn.handle({ action: 'nope' }, ctx);
    expect(out.ok === false && out.message).toContain('nope');
  });

  it('answers INVALID_INPUT naming each failing field', async () => {
    const { ctx } = fakeCtx();
    const out = await fn.handle({ action: 'echo.name', input: { name: 7, qty: 0 } }, ctx);
    expect(out).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (out.ok) throw new Error('expected a failure');
    expect(out.message).toMatch(/^name: .*expected string/);
    expect(out.message).toMatch(/qty: /);

    const nested = await fn.handle({ action: 'nested.items', input: { items: [{ skuId: 'a', qty: 1 }, { skuId: 'b', qty: 0 }] } }, ctx);
    expect(nested.ok === false && nested.message).toMatch(/^items\[1\]\.qty: /);

    const extra = await fn.handle({ action: 'echo.name', input: { name: 'x', qty: 1, price: 1 } }, ctx);
    expect(extra.ok === false && extra.message).toMatch(/price/);

    const notObject = await fn.handle({ action: 'echo.name', input: 'tea' }, ctx);
    expect(notObject).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(notObject.ok === false && notObject.message).toMatch(/^input: /);
  });

  it('treats a missing input as {}', async () => {
    const { ctx } = fakeCtx();
    await expect(fn.handle({ action: 'whoami', input: null }, ctx)).resolves.toMatchObject({ ok: true });
    const out = await fn.handle({ action: 'echo.name' }, ctx);
    expect(out).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('answers the code and message of a thrown AppError', async () => {
    const { ctx } = fakeCtx();
    await expect(fn.handle({ action: 'refuse.stock', input: {} }, ctx)).resolves.toEqual({ ok: false, code: 'OUT_OF_STOCK', message: 'Only 2 left.' });
    await expect(fn.handle({ action: 'whoami' }, fakeCtx({ openid: '' }).ctx)).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('hides any other error behind INTERNAL and logs it with the action', async () => {
    const { ctx, lines } = fakeCtx();
    const out = await fn.handle({ action: 'boom', input: {} }, ctx);
    expect(out).toEqual({ ok: false, code: 'INTERNAL', message: INTERNAL_MESSAGE });
    expect(JSON.stringify(out)).not.toContain('hunter2');
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('error');
    expect(lines[0].line).toMatchObject({ fn: 'test', action: 'boom', error: { message: 'db password is hunter2' } });
  });

  it('main builds the context with the configured factory and never throws', async () => {
    await expect(fn.main({ action: 'whoami' })).resolves.toEqual({ ok: true, data: { openid: 'o-from-platform', at: 1_700_000_000_000 } });
    const broken = defineFunction<{ ping: ActionSpec<NoInput, true> }>({
      name: 'broken',
      context: () => {
        throw new Error('no platform');
      },
      actions: { ping: defineAction({ input: z.strictObject({}), handler: () => true as const }) },
    });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(broken.main({ action: 'ping' })).resolves.toEqual({ ok: false, code: 'INTERNAL', message: INTERNAL_MESSAGE });
    spy.mockRestore();
    expect(fn.actionNames()).toEqual(['boom', 'echo.name', 'nested.items', 'refuse.stock', 'whoami']);
  });
});

describe('contract checking (compile time)', () => {
  it('rejects a handler whose output or schema does not match the contract', () => {
    type C = { get: ActionSpec<{ id: string }, { name: string }> };
    const ok = defineFunction<C>({
      name: 'c',
      context: () => fakeCtx().ctx,
      actions: { get: defineAction({ input: z.strictObject({ id: z.string() }), handler: async (i) => ({ name: i.id }) }) },
    });
    defineFunction<C>({
      name: 'c',
      context: () => fakeCtx().ctx,
      // @ts-expect-error the handler answers a number where the contract says {name}
      actions: { get: defineAction({ input: z.strictObject({ id: z.string() }), handler: async () => 42 }) },
    });
    defineFunction<C>({
      name: 'c',
      context: () => fakeCtx().ctx,
      // @ts-expect-error the schema parses {id: number} where the contract says {id: string}
      actions: { get: defineAction({ input: z.strictObject({ id: z.number() }), handler: async () => ({ name: 'x' }) }) },
    });
    // @ts-expect-error an action of the contract is missing
    defineFunction<C>({ name: 'c', context: () => fakeCtx().ctx, actions: {} });
    expect(ok.actionNames()).toEqual(['get']);
  });
});

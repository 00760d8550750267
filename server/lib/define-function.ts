/**
 * The one handler convention of every cloud function:
 *
 *   export const main = defineFunction<ShopActions>({
 *     name: 'shop',
 *     actions: {
 *       'settings.get': defineAction({ input: z.strictObject({}), handler: async (input, ctx) => ... }),
 *     },
 *   }).main;
 *
 * The client sends `{action, input}`. The router validates the action name and the input (zod), runs the handler
 * and always answers `{ok:true, data}` or `{ok:false, code, message}`:
 * - unknown or missing action → UNKNOWN_ACTION;
 * - input failing its schema → INVALID_INPUT, the message naming each failing field;
 * - a thrown AppError(code, message) → that code and message;
 * - anything else thrown → INTERNAL with a generic message (the error itself is logged, never sent).
 */
import type { z } from 'zod';
import type { ActionMap, FailReply, Reply } from '@typings/envelope';
import type { ActionContext } from './context';
import { isAppError } from './errors';
import { platformContext, type PlatformContext } from './platform-context';
import { describeIssues } from './validation';

/** The part of a zod schema the router uses (covariant in the parsed type, so contracts can be checked). */
export interface InputSchema<I> {
  safeParse(data: unknown): { success: true; data: I } | { success: false; error: z.ZodError };
}

export interface ActionDefinition<I, O> {
  input: InputSchema<I>;
  handler: (input: I, ctx: ActionContext) => Promise<O>;
}

/** One action: its input schema and its handler (which receives the parsed input). */
export function defineAction<S extends z.ZodType, O>(def: {
  input: S;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<O> | O;
}): ActionDefinition<z.output<S>, O> {
  return {
    input: def.input as unknown as InputSchema<z.output<S>>,
    handler: async (input, ctx) => def.handler(input, ctx),
  };
}

/** The actions of a function, checked against its contract in typings/ (same input type, compatible output). */
export type ActionsOf<C extends ActionMap> = { [A in keyof C]: ActionDefinition<C[A]['input'], C[A]['output']> };

/** Shown to users for any unexpected failure (details go to the log only). */
export const INTERNAL_MESSAGE = '服务开小差了，请稍后再试';

export interface CloudFunction {
  /** The entry point the platform calls. Never throws. */
  main(event: unknown, context?: PlatformContext): Promise<Reply<unknown>>;
  /** Routes one event with the given context (what `main` does after building the context; used by tests). */
  handle(event: unknown, ctx: ActionContext): Promise<Reply<unknown>>;
  /** The action names, sorted. */
  actionNames(): string[];
}

const fail = (code: FailReply['code'], message: string): FailReply => ({ ok: false, code, message });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function defineFunction<C extends ActionMap>(def: {
  /** The function's folder name (used in logs). */
  name: string;
  actions: ActionsOf<C>;
  /** How `main` builds the context (default: from the platform). */
  context?: (context: PlatformContext | undefined) => ActionContext;
}): CloudFunction {
  const actions = def.actions as Record<string, ActionDefinition<unknown, unknown>>;
  const makeContext = def.context ?? ((context) => platformContext(def.name, context));
  const names = Object.keys(actions).sort();

  async function handle(event: unknown, ctx: ActionContext): Promise<Reply<unknown>> {
    const action = isRecord(event) && typeof event.action === 'string' ? event.action : '';
    if (!action) return fail('UNKNOWN_ACTION', `Missing action: call ${def.name} with {action, input}.`);
    if (!Object.prototype.hasOwnProperty.call(actions, action)) {
      return fail('UNKNOWN_ACTION', `Unknown action "${action}" (${def.name} has: ${names.join(', ')}).`);
    }
    const spec = actions[action];
    const raw = (event as Record<string, unknown>).input;
    const parsed = spec.input.safeParse(raw === undefined || raw === null ? {} : raw);
    if (!parsed.success) return fail('INVALID_INPUT', describeIssues(parsed.error));
    const log = ctx.log.child({ action });
    try {
      const data = await spec.handler(parsed.data, { ...ctx, log });
      return { ok: true, data: data === undefined ? null : data };
    } catch (e) {
      if (isAppError(e)) return fail(e.code, e.message);
      log.error('action failed', { error: e });
      return fail('INTERNAL', INTERNAL_MESSAGE);
    }
  }

  async function main(event: unknown, context?: PlatformContext): Promise<Reply<unknown>> {
    let ctx: ActionContext;
    try {
      ctx = makeContext(context);
    } catch (e) {
      console.error(JSON.stringify({ level: 'error', msg: 'could not build the action context', fn: def.name, error: String(e) }));
      return fail('INTERNAL', INTERNAL_MESSAGE);
    }
    return handle(event, ctx);
  }

  return { main, handle, actionNames: () => [...names] };
}

/**
 * The one reply shape of every cloud-function action, shared by the mini-program and the functions.
 * Types only (no runtime code): the mini-program may ship only files inside miniprogram/, so it imports these with
 * `import type` and they vanish at compile time.
 *
 * A function always *answers* (it never lets an error escape to the platform): `{ok:true, data}` on success,
 * `{ok:false, code, message}` on a refusal or failure. The client's cloud module turns the latter into a thrown
 * `CloudError`.
 */

/**
 * Every error code an action may answer with. Add new codes here (client and server see the same list).
 * - INVALID_INPUT: the input failed validation (message names the field).
 * - UNKNOWN_ACTION: `event.action` is not an action of that function.
 * - UNAUTHENTICATED: no caller identity (e.g. called without an openid).
 * - FORBIDDEN: the caller may not do this (e.g. not staff).
 * - NOT_FOUND / CONFLICT: the usual.
 * - OUT_OF_STOCK: not enough stock for an order line.
 * - PRICE_CHANGED: the price the client showed is no longer the price.
 * - PRECONDITION_FAILED: the object is not in a state that allows this (e.g. cancelling a shipped order).
 * - RATE_LIMITED: too many requests.
 * - MEMBER_ONLY: a member-zone goods the caller's tier may not buy.
 * - INSUFFICIENT_POINTS: the caller's points do not cover the spend (nothing was spent).
 * - INTERNAL: anything unexpected (details are logged on the server, never sent).
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_ACTION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'OUT_OF_STOCK'
  | 'PRICE_CHANGED'
  | 'PRECONDITION_FAILED'
  | 'RATE_LIMITED'
  | 'MEMBER_ONLY'
  | 'INSUFFICIENT_POINTS'
  | 'INTERNAL';

export interface OkReply<T> {
  ok: true;
  data: T;
}

export interface FailReply {
  ok: false;
  code: ErrorCode;
  message: string;
}

export type Reply<T> = OkReply<T> | FailReply;

/** The event a client sends to a function: which action, and its input. */
export interface ActionEvent<A extends string = string, I = unknown> {
  action: A;
  input: I;
}

/** One action of a function's contract. */
export interface ActionSpec<I, O> {
  input: I;
  output: O;
}

/** A function's contract: action name → {input, output}. */
export type ActionMap = Record<string, ActionSpec<unknown, unknown>>;

/** An input that carries nothing (actions like `ping`). */
export type NoInput = Record<string, never>;

/** Outcome of trying one discount on a cart state. */
import type { NotAppliedCode } from '../../../typings/marketing/pricing';
import type { PaidTier } from '../../../typings/marketing/member';
import type { Fen } from '../../../typings/shop/common';

export interface Refusal {
  ok: false;
  code: NotAppliedCode;
  missingFen?: Fen;
  requiredTier?: PaidTier;
}

/** The amount a discount would take off its scope (> 0), before it is spread over the lines. */
export interface Offer {
  ok: true;
  amountFen: Fen;
  /** Indices of the in-scope lines. */
  lines: readonly number[];
}

export type Trial = Offer | Refusal;

export const refuse = (code: NotAppliedCode, extra: Omit<Refusal, 'ok' | 'code'> = {}): Refusal => ({ ok: false, code, ...extra });

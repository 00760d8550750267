/**
 * The registry of cloud functions and their contracts: the one place the mini-program and the functions agree on
 * names, actions, inputs and outputs. Add a function here when you add `cloudfunctions/<name>/`.
 */
import type { ActionMap } from './envelope';
import type { ShopActions } from './api/shop';
import type { NotifyActions } from './api/notify';
import type { StaffActions } from './api/staff';
import type { CartActions } from './api/cart';
import type { OrderActions } from './api/order';
import type { AnalyticsActions } from './api/analytics';
import type { MarketingActions } from './api/marketing';
import type { MemberActions } from './api/member';

export interface CloudFunctions {
  shop: ShopActions;
  notify: NotifyActions;
  staff: StaffActions;
  cart: CartActions;
  order: OrderActions;
  analytics: AnalyticsActions;
  marketing: MarketingActions;
  member: MemberActions;
}

export type FunctionName = keyof CloudFunctions;
export type ActionName<F extends FunctionName> = keyof CloudFunctions[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = CloudFunctions[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = CloudFunctions[F][A] extends { output: infer O } ? O : never;

/** Compile-time check that every registered contract is an ActionMap. */
export type AssertContracts = { [F in FunctionName]: CloudFunctions[F] extends ActionMap ? true : never };

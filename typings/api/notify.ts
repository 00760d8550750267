/** Contract of the `notify` cloud function: the customer's subscription-message authorisations. */
import type { ActionSpec, NoInput } from '../envelope';

/** One answer of wx.requestSubscribeMessage for a template. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export type NotifyActions = {
  /**
   * Reports what the customer answered in wx.requestSubscribeMessage (its result without `errMsg`): each `accept`
   * of a known template id adds one authorisation. Unknown template ids are ignored. Answers the customer's count
   * for every known template afterwards.
   */
  'notify.recordSubscription': ActionSpec<{ results: Record<string, SubscribeAnswer> }, { accepted: string[]; counts: Record<string, number> }>;
  /** The caller's authorisation count per known template id. */
  'notify.subscriptions': ActionSpec<NoInput, { counts: Record<string, number> }>;
};

import type { OpenId } from './common';

/** `owner` configures the shop and its staff; `clerk` handles orders. Both may verify, ship and refund. */
export type StaffRole = 'owner' | 'clerk';

/** `staff` collection. `_id` is the staff member's openid (added by the owner, or the seed). */
export interface StaffDoc {
  _id: OpenId;
  role: StaffRole;
  name: string;
}

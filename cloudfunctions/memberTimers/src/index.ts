// The `memberTimers` cloud function (points expiry, daily timer). The code lives in server/member.
import { memberTimersMain } from '@server/member/member-timers-function';

export const main = memberTimersMain;

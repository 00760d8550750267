// The `member` cloud function (member centre, points ledger and gifts, member zone). The code lives in server/member.
import { memberFunction } from '@server/member/member-function';

export const main = memberFunction.main;

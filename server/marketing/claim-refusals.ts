/** The caller-facing refusal for each reason a coupon cannot be issued. */
import type { ClaimBlock } from '@typings/api/marketing';
import { AppError } from '../lib/errors';

const REFUSALS: Record<ClaimBlock, [AppError['code'], string]> = {
  DISABLED: ['PRECONDITION_FAILED', '该优惠券已停止发放'],
  NOT_STARTED: ['PRECONDITION_FAILED', '领取尚未开始'],
  ENDED: ['PRECONDITION_FAILED', '领取已结束'],
  COMMUNITY_ONLY: ['PRECONDITION_FAILED', '该优惠券仅限社群领取'],
  SOLD_OUT: ['OUT_OF_STOCK', '优惠券已被领完'],
  PER_USER_LIMIT: ['CONFLICT', '已达到领取上限'],
  GROUP_LIMIT: ['CONFLICT', '本群的领取名额已满'],
};

export function claimRefusal(reason: ClaimBlock): AppError {
  const [code, message] = REFUSALS[reason];
  return new AppError(code, message);
}

/**
 * Where a segment audience comes from: the analytics domain's `loadSegmentMembers(db, segment, now)` (branch
 * `analytics`, server/analytics/segment-members.ts). Until it is merged, a segment grant is refused with
 * PRECONDITION_FAILED and a clear message; wiring it in is this one function.
 */
import type { SegmentName } from '@typings/marketing/growth';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import type { AudienceBatch } from './audience-grant';

export async function segmentBatch(_ctx: ActionContext, segment: SegmentName, _cursor: string | undefined, _size: number): Promise<AudienceBatch> {
  throw new AppError('PRECONDITION_FAILED', `按客群发券（${segment}）暂未开放：客群数据尚未接入`);
}

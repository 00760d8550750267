/**
 * The dashboard actions of the `analytics` cloud function, as the merchant pages use them (staff only: the server
 * answers FORBIDDEN to anyone else). Lives in the merchant subpackage: the main package never loads it.
 */
import type {
  ChannelsResult,
  ComparedReportView,
  ExportRequest,
  ExportResult,
  FunnelInput,
  FunnelResult,
  OverviewResult,
  PeriodReportInput,
  RetentionInput,
  RetentionResult,
  SegmentMembersResult,
  SegmentName,
  SegmentsResult,
} from '../../../typings/api/analytics';
import type { GrantResult } from '../../../typings/api/marketing';
import { callCloud } from '../../services/cloud';

export function getOverview(days = 30): Promise<OverviewResult> {
  return callCloud('analytics', 'dashboard.overview', { days });
}

export function getPeriodReport(input: PeriodReportInput): Promise<ComparedReportView> {
  return callCloud('analytics', 'reports.period', input);
}

export function getRetention(input: RetentionInput): Promise<RetentionResult> {
  return callCloud('analytics', 'retention.cohorts', input);
}

export function getFunnel(input: FunnelInput): Promise<FunnelResult> {
  return callCloud('analytics', 'funnel.get', input);
}

export function getSegments(days = 30): Promise<SegmentsResult> {
  return callCloud('analytics', 'segments.get', { days });
}

export function getSegmentMembers(segment: SegmentName, cursor?: string, limit = 50): Promise<SegmentMembersResult> {
  return callCloud('analytics', 'segments.members', cursor ? { segment, cursor, limit } : { segment, limit });
}

export function getChannels(from: string, to: string): Promise<ChannelsResult> {
  return callCloud('analytics', 'channels.get', { from, to });
}

export function exportReport(request: ExportRequest): Promise<ExportResult> {
  return callCloud('analytics', 'reports.export', request);
}

/** Staff: one coupon of `templateId` to each openid (the marketing function takes ≤ 100 per call). */
export function grantCoupon(templateId: string, openids: string[]): Promise<GrantResult> {
  return callCloud('marketing', 'coupons.grant', { templateId, openids });
}

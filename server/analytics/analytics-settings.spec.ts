/** The analytics settings read from the shop settings document: time zone and segment definitions, with defaults. */
import { readAnalyticsSettings } from './analytics-settings';

it('reads the time zone and the segment definitions, falling back to the defaults', () => {
  expect(readAnalyticsSettings(undefined)).toEqual({ timeZone: 'Asia/Shanghai', segments: { atRiskDays: 30, churnedDays: 90 } });
  expect(readAnalyticsSettings({ timezone: 'Europe/Paris', segmentDefinitions: { atRiskDays: 14, churnedDays: 60 } })).toEqual({
    timeZone: 'Europe/Paris',
    segments: { atRiskDays: 14, churnedDays: 60 },
  });
  // M must be above N; not a zone; not numbers
  expect(readAnalyticsSettings({ timezone: 'Mars/Olympus', segmentDefinitions: { atRiskDays: 30, churnedDays: 30 } })).toEqual({
    timeZone: 'Asia/Shanghai',
    segments: { atRiskDays: 30, churnedDays: 90 },
  });
  expect(readAnalyticsSettings({ segmentDefinitions: { atRiskDays: 'x' } }).segments).toEqual({ atRiskDays: 30, churnedDays: 90 });
});

export { TimersService, timersService, TIMER_SOURCE, MAX_FIRES_PER_STEP } from './timers';
export type { TimerEvent, TimerFire } from './timers';
export type { TimerTrigger } from './triggers';
export { CronSchedule, CronSyntaxError, chinaToUtc, formatChinaTime, CHINA_OFFSET_MS } from './cron';

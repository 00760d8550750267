/** Handler plumbing shared by every cloud function. */
export { defineAction, defineFunction, INTERNAL_MESSAGE, type ActionDefinition, type ActionsOf, type CloudFunction } from './define-function';
export { AppError, isAppError } from './errors';
export { requireOpenid, type ActionContext } from './context';
export { createLogger, type Logger, type LogFields } from './logger';
export { getCloud, getDatabase, type Database } from './cloud';
export { describeIssues, formatPath } from './validation';

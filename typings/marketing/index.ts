export * from './scope';
export * from './member';
export * from './promotion';
export * from './coupon';
export * from './points';
export * from './pricing';

export * from './common';
export * from './attribution';
export * from './catalogue';
export * from './checkout';
export * from './cart';
export * from './order';
export * from './staff';

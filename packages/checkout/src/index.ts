export * from './checkout-session';
export * from './events';
export * from './money';
export * from './provider';
export * from './provider-errors';
export * from './snapshot';
export * from './state-machine';

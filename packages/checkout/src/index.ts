export * from './events';
export * from './provider';
export * from './provider-errors';

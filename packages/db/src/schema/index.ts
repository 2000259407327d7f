export * from './api-keys';
export * from './auth';
export * from './carts';
export * from './catalog';
export * from './integrations';
export * from './orders';
export * from './payments';
export * from './sandbox';

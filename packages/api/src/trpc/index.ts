export { type Auth, type AuthOptions, createAuth } from '../auth/auth';
export { createDashboardApiHandler } from './http';
export { createCallerFactory, createTrpcContext, type TrpcContext } from './init';
export { type AppRouter, appRouter } from './router';

import Stripe from 'stripe';
import { STRIPE_API_VERSION } from './api-version';
import type { StripeCredentials } from './credentials';

/**
 * Runtime options for the Stripe provider. Production leaves the API host unset; tests point the
 * real SDK at the Stripe fake (`{ host, port, protocol }` from `startStripeFake()`).
 */
export interface StripeRuntimeOptions {
  host?: string | undefined;
  port?: number | string | undefined;
  protocol?: 'http' | 'https' | undefined;
  /** SDK retries on connection errors and 5xx, with its own backoff; default 2. */
  maxNetworkRetries?: number | undefined;
  /** Per request; default 20 s. */
  timeoutMs?: number | undefined;
  /** Injectable clock for expiry clamping and webhook tolerance; default `new Date()`. */
  now?: (() => Date) | undefined;
}

/** `{ host, port, protocol }` for the SDK from an API base URL (`http://127.0.0.1:4390`). */
export function stripeHostOf(apiBaseUrl: string | undefined): StripeRuntimeOptions {
  if (!apiBaseUrl) return {};
  const url = new URL(apiBaseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

export function createStripeClient(
  credentials: Pick<StripeCredentials, 'secretKey' | 'accountId'>,
  options: StripeRuntimeOptions = {},
): Stripe {
  return new Stripe(credentials.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'prood' },
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
    ...(credentials.accountId ? { stripeAccount: credentials.accountId } : {}),
  });
}

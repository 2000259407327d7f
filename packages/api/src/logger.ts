import { allProviderSignatureHeaders } from '@prood/provider-factory';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The platform's structured logger. Secrets never reach it: authorization headers, secret
 * keys, webhook signatures and credentials are redacted wherever they appear.
 */
export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'prood-api',
    level: options.level ?? 'info',
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-checkout-secret"]',
        ...allProviderSignatureHeaders().map((name) => `req.headers["${name}"]`),
        '*.secretKey',
        '*.webhookSecret',
        '*.password',
        '*.credentials',
        'customer.email',
        'customer.phone',
        'customer.address',
      ],
      censor: '[redacted]',
    },
  });
}

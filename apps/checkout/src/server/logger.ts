import 'server-only';
import { newId } from '@prood/validators';
import pino, { type Logger } from 'pino';
import { env } from '../env';

/**
 * The checkout app's structured log (pino, like the API's). Entries name the request and the
 * tenant; shopper contact data and the shared secret never reach it.
 */
export const logger: Logger = pino({
  name: 'checkout',
  // `next build` skips env validation, so the default must hold here too
  level: env.LOG_LEVEL ?? 'info',
  redact: {
    paths: ['*.email', '*.phone', '*.address', '*.secret', '*.customerInfo'],
    censor: '[redacted]',
  },
});

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A child logger for one request: its id (the caller's `x-request-id` when well-formed) and tenant. */
export function requestLogger(request: Request, tenantId: string | null): Logger {
  const given = request.headers.get('x-request-id');
  const requestId = given && REQUEST_ID.test(given) ? given : newId('request');
  return logger.child({ requestId, tenantId });
}

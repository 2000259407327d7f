import type { ErrorCode } from '../errors';
import type { Endpoint } from './endpoint';

/**
 * The error codes the router itself can answer on an operation, beside what its handler says:
 * the reference documents them from here, so the two cannot drift.
 */
export function sharedErrorCodes(endpoint: Endpoint): ErrorCode[] {
  return [
    'invalid_url',
    'unauthorized',
    'rate_limited',
    'internal_error',
    'service_unavailable',
    ...(endpoint.params ? (['not_found'] as const) : []),
    ...(endpoint.query ? (['validation_error'] as const) : []),
    ...(endpoint.body
      ? ([
          'validation_error',
          'invalid_json',
          'body_incomplete',
          'payload_too_large',
          'unsupported_media_type',
        ] as const)
      : []),
    ...(endpoint.method === 'POST'
      ? (['idempotency_in_progress', 'idempotency_key_reused'] as const)
      : []),
  ];
}

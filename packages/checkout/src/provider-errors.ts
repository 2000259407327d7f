/** Why a provider operation failed, in our vocabulary. Messages never carry secrets. */
export type ProviderErrorCode =
  | 'unknown_provider'
  | 'provider_disabled'
  | 'invalid_credentials'
  | 'mode_mismatch'
  | 'webhook_signature_missing'
  | 'webhook_signature_invalid'
  | 'webhook_timestamp_out_of_tolerance'
  | 'webhook_payload_invalid'
  | 'webhook_tenant_mismatch'
  | 'payment_declined'
  | 'invalid_request'
  | 'not_found'
  | 'rate_limited'
  | 'provider_unavailable';

/**
 * A typed provider failure. `retryable` tells callers whether the same call may succeed later
 * (answer a webhook with 5xx, retry a job) or never will (answer 4xx, surface to the user).
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly retryable: boolean;

  constructor(
    code: ProviderErrorCode,
    message: string,
    options: { provider: string; retryable?: boolean; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.provider = options.provider;
    this.retryable =
      options.retryable ?? (code === 'provider_unavailable' || code === 'rate_limited');
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

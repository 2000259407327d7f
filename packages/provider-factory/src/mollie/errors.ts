import { ProviderError, type ProviderErrorCode } from '@prood/checkout';

/**
 * A Mollie SDK failure in our vocabulary. The SDK's `ApiError` carries Mollie's HTTP status;
 * one without a status never reached Mollie (network, timeout) and is worth retrying.
 */
export function mollieError(error: unknown, action: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  const field = (error as { field?: unknown }).field;
  const code: ProviderErrorCode =
    typeof status !== 'number'
      ? 'provider_unavailable'
      : status === 401 || status === 403
        ? 'invalid_credentials'
        : status === 404 || status === 410
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : status >= 500
              ? 'provider_unavailable'
              : 'invalid_request';
  // Mollie's detail names fields and states, never secrets; keep it for the merchant
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(
    code,
    `Mollie could not ${action}: ${detail}${typeof field === 'string' ? ` (${field})` : ''}`,
    { provider: 'mollie', cause: error },
  );
}

import { ProviderError } from '@prood/checkout';

interface StripeErrorLike {
  type?: unknown;
  statusCode?: unknown;
  code?: unknown;
  param?: unknown;
  message?: unknown;
}

function fields(error: unknown): StripeErrorLike {
  return typeof error === 'object' && error !== null ? (error as StripeErrorLike) : {};
}

/**
 * Maps an SDK failure onto our error codes. Matched on the SDK's `type` names rather than
 * classes, so two copies of the SDK in one process still map the same.
 *
 * @example
 * try { await stripe.refunds.create(…) } catch (error) { throw toProviderError(error, 'refund') }
 */
export function toProviderError(error: unknown, operation: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = fields(error);
  const stripeMessage = typeof e.message === 'string' ? e.message : '';
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const provider = 'stripe';
  switch (e.type) {
    case 'StripeConnectionError':
      return new ProviderError(
        'provider_unavailable',
        `Stripe could not be reached (${operation})`,
        {
          provider,
          cause: error,
        },
      );
    case 'StripeRateLimitError':
      return new ProviderError('rate_limited', `Stripe rate limit hit (${operation})`, {
        provider,
        cause: error,
      });
    case 'StripeCardError':
      // Stripe's card messages are written for shoppers ("Your card was declined.")
      return new ProviderError('payment_declined', stripeMessage || 'The card was declined.', {
        provider,
        cause: error,
      });
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      // Stripe echoes part of the key in these messages: keep ours, and no cause
      return new ProviderError(
        'invalid_credentials',
        `Stripe refused the tenant's API key (${operation})`,
        { provider },
      );
    case 'StripeInvalidRequestError':
    case 'StripeIdempotencyError': {
      const code =
        status === 404 || e.code === 'resource_missing' ? 'not_found' : 'invalid_request';
      const param = typeof e.param === 'string' ? ` [${e.param}]` : '';
      return new ProviderError(code, `Stripe rejected ${operation}${param}: ${stripeMessage}`, {
        provider,
        cause: error,
      });
    }
    default:
      return new ProviderError(
        'provider_unavailable',
        `Stripe failed (${operation}${status ? `, HTTP ${status}` : ''})`,
        { provider, cause: error },
      );
  }
}

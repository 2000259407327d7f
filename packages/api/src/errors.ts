/**
 * Errors are values with stable codes; `httpStatusFor` is the one place a code becomes a status.
 * Clients switch on `code`; `message` is for people; `details` says which field and why.
 */
export const ERROR_STATUS = {
  validation_error: 400,
  invalid_json: 400,
  webhook_signature_invalid: 400,
  webhook_payload_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  provider_not_connected: 404,
  method_not_allowed: 405,
  conflict: 409,
  order_already_paid: 409,
  order_not_payable: 409,
  idempotency_in_progress: 409,
  cart_closed: 409,
  order_not_refundable: 409,
  out_of_stock: 409,
  unprocessable: 422,
  idempotency_key_reused: 422,
  product_inactive: 422,
  price_inactive: 422,
  currency_mismatch: 422,
  recurring_price_not_allowed: 422,
  coupon_not_found: 422,
  coupon_expired: 422,
  coupon_exhausted: 422,
  coupon_inactive: 422,
  coupon_minimum_not_met: 422,
  coupon_already_used: 422,
  coupon_currency_mismatch: 422,
  shipping_rate_not_found: 422,
  postal_code_invalid: 422,
  country_not_shipped: 422,
  quantity_not_adjustable: 422,
  invalid_redirect_url: 422,
  webhook_url_refused: 422,
  billing_portal_not_supported: 422,
  provider_not_configured: 422,
  amount_too_large: 422,
  refund_exceeds_paid: 422,
  refund_not_supported: 422,
  refund_declined: 422,
  rate_limited: 429,
  internal_error: 500,
  provider_unavailable: 502,
  checkout_unavailable: 502,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

export const notFound = (what: string) => new ApiError('not_found', `No such ${what}.`);

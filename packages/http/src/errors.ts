/**
 * The one JSON error envelope of every prood HTTP surface, and the one place a code becomes an
 * HTTP status. Clients switch on `code`; `message` is for people; `details` says which field
 * and why.
 */
export const ERROR_STATUS = {
  validation_error: 400,
  invalid_json: 400,
  invalid_url: 400,
  body_incomplete: 400,
  webhook_signature_invalid: 400,
  webhook_payload_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  email_not_verified: 403,
  not_found: 404,
  provider_not_connected: 404,
  method_not_allowed: 405,
  conflict: 409,
  order_already_paid: 409,
  order_not_payable: 409,
  idempotency_in_progress: 409,
  cart_closed: 409,
  order_not_refundable: 409,
  payment_link_inactive: 409,
  payment_link_paid: 409,
  payment_link_not_reactivatable: 409,
  out_of_stock: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
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
  webhook_endpoint_refused: 422,
  billing_portal_not_supported: 422,
  provider_not_configured: 422,
  provider_credentials_rejected: 422,
  amount_too_large: 422,
  refund_exceeds_paid: 422,
  refund_not_supported: 422,
  refund_declined: 422,
  rate_limited: 429,
  internal_error: 500,
  provider_unavailable: 502,
  checkout_unavailable: 502,
  service_unavailable: 503,
  forward_failed: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** `{"error":{"code","message","details"}}` — `details` only when there is something to say. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** One field that failed, named by its dotted path (`customer.address.line1`). */
export interface FieldIssue {
  field: string;
  message: string;
}

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/**
 * The envelope as a response, with its status from {@link ERROR_STATUS}.
 *
 * @example
 * return errorResponse('not_found', 'No such checkout session.');
 */
export function errorResponse(
  code: ErrorCode,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
): Response {
  return Response.json(errorBody(code, message, details), {
    status: httpStatusFor(code),
    headers: { 'cache-control': 'no-store', ...headers },
  });
}

/** An error that is a value: thrown by request handling, answered with its code's status. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return httpStatusFor(this.code);
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.message, this.details);
  }

  toResponse(): Response {
    return errorResponse(this.code, this.message, this.details, this.headers);
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

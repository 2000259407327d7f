/**
 * Every rate limit of the platform, in one table: what is counted, per what, and how many in
 * which window (sliding window). Change a number here and the 429s, headers and the OpenAPI
 * text follow.
 */
export const RATE_LIMIT_POLICIES = {
  /** Failed API-key authentications, per client IP. */
  apiKeyFailure: { limit: 20, window: '1 m' },
  /** Dashboard sign-in attempts, per account and IP. */
  signInAccount: { limit: 10, window: '5 m' },
  /** Dashboard sign-in attempts, per IP (across accounts). */
  signInIp: { limit: 30, window: '5 m' },
  /** Sign-ups, per IP. */
  signUp: { limit: 5, window: '1 h' },
  /** Account mails asked for (password reset, verification resend), per IP. */
  accountMail: { limit: 10, window: '15 m' },
  /** Checkout sessions started, per tenant. */
  sessionCreation: { limit: 120, window: '1 m' },
  /** A shopper's pay attempts, per checkout session. */
  shopperPay: { limit: 10, window: '1 m' },
  /** A shopper's coupon attempts, per checkout session. */
  shopperCoupon: { limit: 10, window: '1 m' },
  /** Orders started through one product payment link, per client IP. */
  paymentLinkStart: { limit: 5, window: '1 m' },
} as const satisfies Record<string, { limit: number; window: `${number} ${'s' | 'm' | 'h'}` }>;

export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES;

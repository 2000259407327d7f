/** Stripe accepts `expires_at` 30 minutes to 24 hours ahead (checked when the request lands). */
const MIN_AHEAD_MS = 30 * 60_000;
const MAX_AHEAD_MS = 24 * 60 * 60_000;
// a minute of slack each side covers clock skew and request latency
const SLACK_MS = 60_000;

/**
 * Our session's expiry clamped to what Stripe accepts, in Unix seconds.
 *
 * @example
 * clampStripeExpiry(new Date(now + 5 * 60_000), now) // now + 31 min
 */
export function clampStripeExpiry(expiresAt: Date, now: Date): number {
  const min = now.getTime() + MIN_AHEAD_MS + SLACK_MS;
  const max = now.getTime() + MAX_AHEAD_MS - SLACK_MS;
  return Math.floor(Math.min(Math.max(expiresAt.getTime(), min), max) / 1000);
}

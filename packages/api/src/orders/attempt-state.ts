/** What became of one checkout attempt, as a merchant reads it on the order page. */
export type AttemptState = 'open' | 'paid' | 'failed' | 'expired' | 'canceled';

/**
 * An attempt's real state: the attempt row only says whether its session is still open
 * (`starting`, `open`, `ended`), so what the provider reported for its session decides first —
 * a succeeded payment makes it paid, a failed one failed — then how it ended.
 *
 * @example
 * attemptState({ status: 'open', checkoutSessionId: 'cs_1' }, {
 *   payments: [{ checkoutSessionId: 'cs_1', status: 'succeeded' }], canceled: false,
 * }) // → 'paid'
 */
export function attemptState(
  attempt: { status: string; checkoutSessionId: string | null },
  order: {
    payments: Array<{ checkoutSessionId: string | null; status: string }>;
    canceled: boolean;
  },
): AttemptState {
  const own = attempt.checkoutSessionId
    ? order.payments.filter((p) => p.checkoutSessionId === attempt.checkoutSessionId)
    : [];
  if (own.some((p) => p.status === 'succeeded')) return 'paid';
  if (own.some((p) => p.status === 'failed')) return 'failed';
  if (attempt.status === 'ended') return order.canceled ? 'canceled' : 'expired';
  return 'open';
}

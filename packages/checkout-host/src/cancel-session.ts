import { CheckoutSession, canExpire, isProviderError, type PaymentProvider } from '@prood/checkout';
import { isSessionConflictError, SessionNotFoundError } from './errors';
import { checkoutIdSchema, parseInput } from './inputs';
import { loadSession, type SessionCallOptions, saveSession } from './sessions';

export interface CancelCheckoutSessionResult {
  /** `canceled` (now or before), `complete` (paid: cannot be canceled), `not_found`. */
  outcome: 'canceled' | 'complete' | 'not_found';
  providerSessionId: string | null;
}

const CAS_ROUNDS = 3;

/**
 * Cancels an order's open checkout session so nobody can start paying it, then expires the
 * provider's session where the provider can (`ExpireCapability`). A paid session is left
 * alone (`complete`); another tenant's or a vanished session is `not_found`. Idempotent.
 * A provider that refuses to expire (its session already paid) is not an error here: that
 * money lands on the canceled order, which is then flagged for review.
 *
 * @example
 * await cancelCheckoutSession('cs_…', { tenantId, resolveProvider: (id) => buildProvider(id) });
 */
export async function cancelCheckoutSession(
  id: string,
  input: {
    tenantId: string;
    resolveProvider: (providerId: string) => Promise<PaymentProvider>;
  },
  options?: SessionCallOptions,
): Promise<CancelCheckoutSessionResult> {
  const valid = parseInput('cancelCheckoutSession', checkoutIdSchema, id, 'id');
  for (let round = 0; round < CAS_ROUNDS; round += 1) {
    const snapshot = await loadSession(valid, options);
    if (!snapshot || snapshot.tenantId !== input.tenantId) {
      return { outcome: 'not_found', providerSessionId: null };
    }
    const session = CheckoutSession.hydrate(snapshot, options?.now ? { now: options.now } : {});
    const providerSessionId = snapshot.providerSessionId ?? null;
    if (session.storedState === 'complete') return { outcome: 'complete', providerSessionId };
    if (!['expired', 'canceled'].includes(session.storedState)) {
      session.cancel();
      try {
        await saveSession(valid, session.toSnapshot(), options);
      } catch (error) {
        if (error instanceof SessionNotFoundError) break;
        if (isSessionConflictError(error)) continue;
        throw error;
      }
    }
    if (providerSessionId && snapshot.provider) {
      const provider = await input.resolveProvider(snapshot.provider);
      if (canExpire(provider)) {
        try {
          await provider.expireSession(providerSessionId);
        } catch (error) {
          // a retryable failure must be retried by the caller; a refusal means it was paid
          if (!isProviderError(error) || error.retryable) throw error;
        }
      }
    }
    return { outcome: 'canceled', providerSessionId };
  }
  return { outcome: 'canceled', providerSessionId: null };
}

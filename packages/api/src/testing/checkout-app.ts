import { CheckoutSession, type PaymentProvider } from '@prood/checkout';
import {
  buildCheckoutSessionUrl,
  cancelCheckoutSession,
  createCheckoutSession,
  createPaymentLink,
  loadSession,
  type SessionStore,
} from '@prood/checkout-host';
import type { CheckoutAppClient, CheckoutSessionInfo } from '../services/checkout-app-client';

/**
 * The checkout app's internal endpoints run in-process for API tests: the real session code of
 * `@prood/checkout-host` on a given store, minus the HTTP hop. `calls` counts what the API asked;
 * `during` runs inside each call, e.g. to check that no order row is locked meanwhile.
 */
export function createInProcessCheckoutApp(options: {
  store: SessionStore;
  resolveProvider: (tenantId: string, providerId: string) => Promise<PaymentProvider>;
  now?: () => Date;
}): CheckoutAppClient & {
  calls: { create: number; get: number; cancel: number };
  during?: ((call: 'create' | 'get' | 'cancel') => Promise<void>) | undefined;
} {
  const sessionOptions = { store: options.store, ...(options.now ? { now: options.now } : {}) };
  const info = async (tenantId: string, id: string): Promise<CheckoutSessionInfo | null> => {
    const snapshot = await loadSession(id, sessionOptions);
    if (!snapshot || snapshot.tenantId !== tenantId) return null;
    const session = CheckoutSession.hydrate(snapshot, options.now ? { now: options.now } : {});
    return {
      id,
      url: buildCheckoutSessionUrl(id),
      status: session.status,
      paymentStatus: session.paymentStatus,
      expiresAt: snapshot.expiresAt,
      orderId: snapshot.orderId,
      providerSessionId: snapshot.providerSessionId,
    };
  };
  const client = {
    calls: { create: 0, get: 0, cancel: 0 },
    during: undefined as ((call: 'create' | 'get' | 'cancel') => Promise<void>) | undefined,
    async createSession(request) {
      client.calls.create += 1;
      await client.during?.('create');
      const created = await createCheckoutSession(
        {
          orderId: request.orderId,
          amount: request.amount,
          currency: request.currency,
          tenantId: request.tenantId,
          returnUrl: request.returnUrl ?? 'http://localhost:3004/c/complete',
          customerInfo: { email: request.customerInfo.email, name: request.customerInfo.name },
          fulfillment: 'digital',
          provider: (request.provider ?? 'sandbox') as 'sandbox',
          ...(request.expiresIn ? { expiresIn: request.expiresIn } : {}),
        },
        sessionOptions,
      );
      const result = await info(request.tenantId, created.id);
      if (!result) throw new Error('session vanished right after creation');
      return result;
    },
    async getSession(tenantId, sessionId) {
      client.calls.get += 1;
      await client.during?.('get');
      return info(tenantId, sessionId);
    },
    async cancelSession(tenantId, sessionId) {
      client.calls.cancel += 1;
      await client.during?.('cancel');
      const result = await cancelCheckoutSession(
        sessionId,
        {
          tenantId,
          resolveProvider: (providerId) => options.resolveProvider(tenantId, providerId),
        },
        sessionOptions,
      );
      return { outcome: result.outcome };
    },
    async createPaymentLink(request) {
      const created = await createPaymentLink(
        {
          tenantId: request.tenantId,
          amount: request.amount,
          currency: request.currency,
          description: request.description,
          ...(request.expiresIn ? { expiresIn: request.expiresIn } : {}),
        },
        sessionOptions,
      );
      const snapshot = await loadSession(created.id, sessionOptions);
      return { id: created.id, url: created.url, expiresAt: snapshot?.expiresAt };
    },
  } satisfies CheckoutAppClient & Record<string, unknown>;
  return client;
}

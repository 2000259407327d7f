import { isProviderError, type NormalizedPaymentEvent, type PaymentStatus } from '@prood/checkout';
import {
  type Executor,
  getOrder,
  getPaymentAttemptBySession,
  listIntegrations,
  type Order,
} from '@prood/db';
import { defaultProviderOf } from '@prood/provider-factory';
import { ApiError, notFound } from '../errors';
import type { PaymentDeps } from './deps';
import { isPaidStatus } from './order-rules';
import { recordAndApplyEvents } from './record-and-apply';

/** Looks up the provider's session id for our checkout session (the checkout app keeps it). */
export type LoadProviderSessionId = (
  tenantId: string,
  checkoutSessionId: string,
) => Promise<string | null | undefined>;

/**
 * Which provider an order pays with: the one recorded on the order, else the tenant's default
 * (the registry's rule, the same one the checkout app uses).
 */
export async function providerIdForOrder(db: Executor, order: Order): Promise<string | null> {
  if (order.provider) return order.provider;
  return defaultProviderOf(await listIntegrations(db, { tenantId: order.tenantId }));
}

/**
 * Turns what the provider says about a session into the normalized event it implies, keyed by
 * session and outcome so a confirm, a webhook and the reconciliation job agree on one effect.
 */
export function eventsFromPaymentStatus(
  order: Order,
  providerId: string,
  status: PaymentStatus,
  source: 'confirm' | 'reconcile',
): { eventKey: string; type: string; events: NormalizedPaymentEvent[] } | null {
  const sessionKey =
    status.providerSessionId ?? status.providerPaymentId ?? order.checkoutSessionId;
  const base = {
    tenantId: order.tenantId,
    provider: providerId,
    occurredAt: new Date().toISOString(),
    orderId: order.id,
    checkoutSessionId: status.checkoutSessionId ?? order.checkoutSessionId ?? undefined,
    providerSessionId: status.providerSessionId,
    providerPaymentId: status.providerPaymentId,
    amount: status.amount,
    currency: status.currency.toUpperCase(),
  };
  if (status.paymentStatus === 'paid' || status.paymentStatus === 'no_payment_required') {
    const eventKey = `${source}:${sessionKey}:paid`;
    return {
      eventKey,
      type: `${source}.paid`,
      events: [
        {
          ...base,
          providerEventId: eventKey,
          type: 'payment.succeeded',
          providerCustomerId: status.providerCustomerId,
          providerSubscriptionId: status.providerSubscriptionId,
        },
      ],
    };
  }
  if (status.status === 'expired') {
    const eventKey = `${source}:${sessionKey}:expired`;
    return {
      eventKey,
      type: `${source}.expired`,
      events: [{ ...base, providerEventId: eventKey, type: 'checkout.expired' }],
    };
  }
  return null;
}

/**
 * Asks the provider for an order's real payment state and applies it through the same
 * idempotent path as webhooks. Returns the order as it stands afterwards.
 */
export async function reconcileOrderWithProvider(
  deps: PaymentDeps,
  order: Order,
  providerSessionId: string,
  source: 'confirm' | 'reconcile',
): Promise<Order> {
  const providerId = await providerIdForOrder(deps.db, order);
  if (!providerId) return order;
  const provider = await deps.resolveProvider(order.tenantId, providerId);
  const status = await provider.retrievePayment({ providerSessionId });
  if (status.orderId && status.orderId !== order.id) {
    throw new ApiError('not_found', 'No such checkout session for this order.', {
      field: 'sessionId',
    });
  }
  const fact = eventsFromPaymentStatus(order, providerId, status, source);
  if (fact) {
    await recordAndApplyEvents(deps.db, deps.jobs, {
      tenantId: order.tenantId,
      provider: providerId,
      ...fact,
    });
  }
  return (await getOrder(deps.db, { tenantId: order.tenantId, orderId: order.id })) ?? order;
}

/**
 * `POST /v1/orders/{id}/confirm`: the success page asks for the order after checkout. Asks the
 * provider for the session's real status and applies it through the webhook path, so a confirm
 * racing the webhook still fulfils once and both see the same order. An order already paid is
 * answered without asking.
 *
 * @example
 * const order = await confirmOrderPayment(deps, ctx, 'ord_…', 'cs_…', { loadProviderSessionId });
 */
export async function confirmOrderPayment(
  deps: PaymentDeps,
  ctx: { tenantId: string },
  orderId: string,
  sessionId: string,
  options: { loadProviderSessionId: LoadProviderSessionId },
): Promise<Order> {
  const order = await getOrder(deps.db, { tenantId: ctx.tenantId, orderId });
  if (!order) throw notFound('order');
  if (order.checkoutSessionId !== sessionId) {
    throw new ApiError('not_found', 'No such checkout session for this order.', {
      field: 'sessionId',
    });
  }
  if (isPaidStatus(order.status) || order.status === 'CANCELED') return order;
  // the attempt in Postgres first; the checkout app's session only for an attempt never reported
  const attempt = await getPaymentAttemptBySession(deps.db, {
    tenantId: ctx.tenantId,
    checkoutSessionId: sessionId,
  });
  const providerSessionId =
    attempt?.providerSessionId ?? (await options.loadProviderSessionId(ctx.tenantId, sessionId));
  if (!providerSessionId) return order;
  try {
    return await reconcileOrderWithProvider(deps, order, providerSessionId, 'confirm');
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (isProviderError(error)) {
      throw new ApiError('provider_unavailable', 'The payment provider could not be asked.', {
        code: error.code,
      });
    }
    throw error;
  }
}

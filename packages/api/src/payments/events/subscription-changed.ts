import type {
  SubscriptionCreatedEvent,
  SubscriptionDeletedEvent,
  SubscriptionUpdatedEvent,
} from '@prood/checkout';
import {
  findProviderCustomerId,
  getOrder,
  insertProviderCustomer,
  upsertSubscription,
} from '@prood/db';
import { emitEvent } from '../../events/emit';
import { toSubscriptionResource } from '../../events/resources';
import { findOrderIdForEvent } from '../order-effects';
import type { EventHandler } from './context';

const date = (iso: string | undefined) => (iso ? new Date(iso) : null);

/**
 * The `provider_customers` row for the provider's customer, created on first sight with the
 * order's email, so the customer can later open the provider's billing portal by our id.
 */
async function ensureProviderCustomer(
  ctx: Parameters<EventHandler<SubscriptionCreatedEvent>>[0],
  orderId: string | null,
  providerCustomerId: string,
): Promise<{ id: string } | undefined> {
  const find = async () => {
    const id = await findProviderCustomerId(ctx.tx, {
      tenantId: ctx.tenantId,
      provider: ctx.provider,
      providerCustomerId,
    });
    return id ? { id } : undefined;
  };
  const existing = await find();
  if (existing || !orderId) return existing;
  const order = await getOrder(ctx.tx, { tenantId: ctx.tenantId, orderId });
  if (!order) return undefined;
  await insertProviderCustomer(ctx.tx, {
    tenantId: ctx.tenantId,
    provider: ctx.provider,
    email: order.customerEmail,
    providerCustomerId,
  });
  return find();
}

/**
 * `subscription.created|updated|deleted`: keeps the `subscriptions` row current (status, period,
 * cancel at period end). Events may come in any order; a deleted subscription stays canceled.
 */
export const applySubscriptionChanged: EventHandler<
  SubscriptionCreatedEvent | SubscriptionUpdatedEvent | SubscriptionDeletedEvent
> = async (ctx, event) => {
  const orderId = await findOrderIdForEvent(ctx.tx, ctx.tenantId, {
    ...event,
    provider: ctx.provider,
  });
  const customer = event.providerCustomerId
    ? await ensureProviderCustomer(ctx, orderId ?? null, event.providerCustomerId)
    : undefined;
  const deleted = event.type === 'subscription.deleted';
  const status = deleted ? 'canceled' : event.status;
  const values = {
    status,
    currentPeriodStart: date(event.currentPeriodStart),
    currentPeriodEnd: date(event.currentPeriodEnd),
    cancelAtPeriodEnd: deleted ? false : event.cancelAtPeriodEnd,
    canceledAt: deleted ? new Date(event.occurredAt) : null,
    ...(event.providerPriceId ? { priceId: event.providerPriceId } : {}),
  };
  const row = await upsertSubscription(ctx.tx, {
    tenantId: ctx.tenantId,
    provider: ctx.provider,
    providerSubscriptionId: event.providerSubscriptionId,
    orderId: orderId ?? null,
    customerId: customer?.id ?? null,
    state: values,
  });
  if (row) {
    const type =
      event.type === 'subscription.deleted'
        ? 'subscription.canceled'
        : event.type === 'subscription.created'
          ? 'subscription.created'
          : 'subscription.updated';
    await emitEvent(ctx.tx, {
      tenantId: ctx.tenantId,
      type,
      object: toSubscriptionResource(row),
      dedupeKey: `${type}:${row.id}:${ctx.eventKey}`,
    });
  }
  return { type: event.type, orderId, outcome: 'subscription_synced', status: row?.status };
};

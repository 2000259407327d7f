import type {
  SubscriptionCreatedEvent,
  SubscriptionDeletedEvent,
  SubscriptionUpdatedEvent,
} from '@prood/checkout';
import { scoped } from '@prood/db';
import { orders, providerCustomers, subscriptions } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { eq, sql } from 'drizzle-orm';
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
  const find = () =>
    ctx.tx
      .select({ id: providerCustomers.id })
      .from(providerCustomers)
      .where(
        scoped(
          providerCustomers,
          ctx,
          eq(providerCustomers.provider, ctx.provider),
          eq(providerCustomers.providerCustomerId, providerCustomerId),
        ),
      )
      .limit(1);
  const [existing] = await find();
  if (existing || !orderId) return existing;
  const [order] = await ctx.tx
    .select({ email: orders.customerEmail })
    .from(orders)
    .where(scoped(orders, ctx, eq(orders.id, orderId)));
  if (!order) return undefined;
  await ctx.tx
    .insert(providerCustomers)
    .values({
      id: newId('customer'),
      tenantId: ctx.tenantId,
      provider: ctx.provider,
      email: order.email,
      providerCustomerId,
    })
    .onConflictDoNothing();
  const [created] = await find();
  return created;
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
  const [row] = await ctx.tx
    .insert(subscriptions)
    .values({
      id: newId('subscription'),
      tenantId: ctx.tenantId,
      provider: ctx.provider,
      providerSubscriptionId: event.providerSubscriptionId,
      orderId: orderId ?? null,
      customerId: customer?.id ?? null,
      ...values,
    })
    .onConflictDoUpdate({
      target: [
        subscriptions.tenantId,
        subscriptions.provider,
        subscriptions.providerSubscriptionId,
      ],
      set: {
        // once canceled (deleted), a late `updated` never revives it
        status: sql`case when ${subscriptions.status} = 'canceled' and ${subscriptions.canceledAt} is not null then ${subscriptions.status} else excluded.status end`,
        currentPeriodStart: sql`coalesce(excluded.current_period_start, ${subscriptions.currentPeriodStart})`,
        currentPeriodEnd: sql`coalesce(excluded.current_period_end, ${subscriptions.currentPeriodEnd})`,
        cancelAtPeriodEnd: sql`case when ${subscriptions.canceledAt} is not null then false else excluded.cancel_at_period_end end`,
        canceledAt: sql`coalesce(${subscriptions.canceledAt}, excluded.canceled_at)`,
        orderId: sql`coalesce(${subscriptions.orderId}, excluded.order_id)`,
        customerId: sql`coalesce(${subscriptions.customerId}, excluded.customer_id)`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
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

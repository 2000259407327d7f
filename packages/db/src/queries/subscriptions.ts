import { newId } from '@prood/validators';
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { providerCustomers, subscriptions } from '../schema';
import { scoped, type TenantScope } from './scope';

export type ProviderCustomer = typeof providerCustomers.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;

/** A customer of the tenant by our id (`cus_…`). */
export async function getProviderCustomer(
  db: Executor,
  scope: TenantScope & { customerId: string },
): Promise<ProviderCustomer | undefined> {
  const [row] = await db
    .select()
    .from(providerCustomers)
    .where(scoped(providerCustomers, scope, eq(providerCustomers.id, scope.customerId)));
  return row;
}

/** Our id of a provider's customer, when we have seen it. */
export async function findProviderCustomerId(
  db: Executor,
  scope: TenantScope & { provider: string; providerCustomerId: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: providerCustomers.id })
    .from(providerCustomers)
    .where(
      scoped(
        providerCustomers,
        scope,
        eq(providerCustomers.provider, scope.provider),
        eq(providerCustomers.providerCustomerId, scope.providerCustomerId),
      ),
    )
    .limit(1);
  return row?.id;
}

/** Records a provider's customer; a row that already exists (either unique key) is kept. */
export async function insertProviderCustomer(
  db: Executor,
  scope: TenantScope & { provider: string; providerCustomerId: string; email: string },
): Promise<void> {
  await db
    .insert(providerCustomers)
    .values({
      id: newId('customer'),
      tenantId: scope.tenantId,
      provider: scope.provider,
      email: scope.email,
      providerCustomerId: scope.providerCustomerId,
    })
    .onConflictDoNothing();
}

export type SubscriptionState = Pick<
  Subscription,
  'status' | 'currentPeriodStart' | 'currentPeriodEnd' | 'cancelAtPeriodEnd' | 'canceledAt'
> & { priceId?: string };

/**
 * Creates or updates the tenant's row for a provider subscription. Events come in any order,
 * so the update merges: once canceled (deleted) a late update never revives it, known periods
 * and links are not erased by an event that lacks them.
 */
export async function upsertSubscription(
  db: Executor,
  scope: TenantScope & {
    provider: string;
    providerSubscriptionId: string;
    orderId: string | null;
    customerId: string | null;
    state: SubscriptionState;
  },
): Promise<Subscription | undefined> {
  const [row] = await db
    .insert(subscriptions)
    .values({
      id: newId('subscription'),
      tenantId: scope.tenantId,
      provider: scope.provider,
      providerSubscriptionId: scope.providerSubscriptionId,
      orderId: scope.orderId,
      customerId: scope.customerId,
      ...scope.state,
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
  return row;
}

/** The tenant's subscriptions, newest first, optionally for one order. */
export async function listSubscriptions(
  db: Executor,
  scope: TenantScope & { orderId?: string | undefined; limit: number },
): Promise<Subscription[]> {
  return db
    .select()
    .from(subscriptions)
    .where(
      scoped(
        subscriptions,
        scope,
        scope.orderId ? eq(subscriptions.orderId, scope.orderId) : undefined,
      ),
    )
    .orderBy(desc(subscriptions.createdAt))
    .limit(scope.limit);
}

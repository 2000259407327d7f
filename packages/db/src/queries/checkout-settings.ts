import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { checkoutSettings, shippingRates } from '../schema';
import { scoped, type TenantScope } from './scope';

export type CheckoutSettings = typeof checkoutSettings.$inferSelect;
export type ShippingRate = typeof shippingRates.$inferSelect;

/** A tenant's checkout page settings, or undefined when it never saved any (use the defaults). */
export async function getCheckoutSettings(
  db: Executor,
  { tenantId }: TenantScope,
): Promise<CheckoutSettings | undefined> {
  const [row] = await db
    .select()
    .from(checkoutSettings)
    .where(eq(checkoutSettings.tenantId, tenantId))
    .limit(1);
  return row;
}

/** Saves (creates or replaces) a tenant's checkout page settings. */
export async function upsertCheckoutSettings(
  db: Executor,
  {
    tenantId,
    ...values
  }: TenantScope & Omit<Partial<CheckoutSettings>, 'tenantId' | 'createdAt' | 'updatedAt'>,
): Promise<CheckoutSettings> {
  const [row] = await db
    .insert(checkoutSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: checkoutSettings.tenantId, set: values })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}

/** The tenant's active shipping options in one currency, in display order. */
export async function listShippingRates(
  db: Executor,
  scope: TenantScope & { currency?: string },
): Promise<ShippingRate[]> {
  return db
    .select()
    .from(shippingRates)
    .where(
      scoped(
        shippingRates,
        scope,
        and(
          eq(shippingRates.active, true),
          scope.currency ? eq(shippingRates.currency, scope.currency) : undefined,
        ),
      ),
    )
    .orderBy(asc(shippingRates.sortOrder), asc(shippingRates.amount));
}

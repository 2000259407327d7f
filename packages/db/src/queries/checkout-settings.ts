import { newId } from '@prood/validators';
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

/** The settings with the defaults a tenant that never saved any gets (no name or logo of its own). */
export function withCheckoutDefaults(settings: CheckoutSettings | undefined) {
  return {
    displayName: settings?.displayName ?? null,
    logoUrl: settings?.logoUrl ?? null,
    accentColor: settings?.accentColor ?? null,
    defaultLocale: settings?.defaultLocale ?? 'en',
    shippingCountries: settings?.shippingCountries ?? [],
    collectPhone: settings?.collectPhone ?? false,
    adjustableQuantity: settings?.adjustableQuantity ?? false,
    collectTaxId: settings?.collectTaxId ?? false,
    termsUrl: settings?.termsUrl ?? null,
    stripeFlow: settings?.stripeFlow ?? 'embedded',
  };
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
    .onConflictDoUpdate({
      target: checkoutSettings.tenantId,
      set: { ...values, updatedAt: new Date() },
    })
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

/** Adds a shipping option to the tenant's checkout page. */
export async function insertShippingRate(
  db: Executor,
  {
    tenantId,
    ...values
  }: TenantScope &
    Pick<ShippingRate, 'name' | 'amount' | 'currency'> &
    Partial<Pick<ShippingRate, 'freeAbove' | 'minDeliveryDays' | 'maxDeliveryDays' | 'sortOrder'>>,
): Promise<ShippingRate> {
  const [row] = await db
    .insert(shippingRates)
    .values({ id: newId('shippingRate'), tenantId, ...values })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Takes a shipping option off the page; orders that chose it keep their snapshot. */
export async function deactivateShippingRate(
  db: Executor,
  scope: TenantScope & { shippingRateId: string },
): Promise<ShippingRate | undefined> {
  const [row] = await db
    .update(shippingRates)
    .set({ active: false })
    .where(scoped(shippingRates, scope, eq(shippingRates.id, scope.shippingRateId)))
    .returning();
  return row;
}

import { canOpenBillingPortal } from '@prood/checkout';
import {
  getOrganization,
  getProviderCustomer,
  listSubscriptions as subscriptionsOf,
} from '@prood/db';
import { ApiError, notFound } from '../errors';
import { paymentDepsFor } from '../payments/runtime';
import type { RestContext } from '../rest/endpoint';
import { assertAllowedRedirect } from './redirects';

/**
 * A provider-hosted billing portal for one of the tenant's customers (subscriptions, payment
 * methods, invoices), where the provider offers one. The return URL must be on the tenant's
 * allowed origins like every other redirect.
 */
export async function createBillingPortal(
  ctx: RestContext,
  input: { customerId: string; returnUrl: string },
): Promise<{ url: string }> {
  const customer = await getProviderCustomer(ctx.db, {
    tenantId: ctx.tenantId,
    customerId: input.customerId,
  });
  if (!customer) throw notFound('customer');
  const organization = await getOrganization(ctx.db, { tenantId: ctx.tenantId });
  const returnUrl = assertAllowedRedirect(
    'returnUrl',
    input.returnUrl,
    organization?.allowedOrigins ?? [],
  );
  const provider = await paymentDepsFor(ctx).resolveProvider(ctx.tenantId, customer.provider);
  if (!canOpenBillingPortal(provider)) {
    throw new ApiError(
      'billing_portal_not_supported',
      `The ${customer.provider} provider has no billing portal.`,
    );
  }
  return provider.createBillingPortalSession({
    providerCustomerId: customer.providerCustomerId,
    returnUrl,
  });
}

/** The tenant's subscriptions, newest first, optionally for one order. */
export function listSubscriptions(
  ctx: RestContext,
  query: { orderId?: string | undefined; limit: number },
) {
  return subscriptionsOf(ctx.db, { tenantId: ctx.tenantId, ...query });
}

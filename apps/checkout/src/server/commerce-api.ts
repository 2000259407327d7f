import 'server-only';
import { CHECKOUT_SECRET_HEADER } from '@prood/checkout-host';
import { type CheckoutOrderView, checkoutOrderViewSchema } from '@prood/validators';
import { env } from '../env';

/** The API answers these internal calls quickly or the page shows its error state. */
const TIMEOUT_MS = 5_000;

async function callApi(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, env.COMMERCE_API_URL), {
    ...init,
    headers: {
      'content-type': 'application/json',
      [CHECKOUT_SECRET_HEADER]: env.CHECKOUT_API_SECRET,
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
    cache: 'no-store',
  });
}

/**
 * The order behind a session, as the API owns it: lines, mode, merchant, paid or not. Null when
 * the API does not know it for this tenant; throws when the API cannot be asked.
 */
export async function getCheckoutOrderView(
  tenantId: string,
  orderId: string,
): Promise<CheckoutOrderView | null> {
  const response = await callApi(
    `/internal/orders/${encodeURIComponent(orderId)}?org=${encodeURIComponent(tenantId)}`,
  );
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`the commerce API answered ${response.status}`);
  return checkoutOrderViewSchema.parse(await response.json());
}

/**
 * Records the provider session on the order's payment attempt in Postgres before the shopper is
 * sent to pay; reconciliation relies on it after the session store has forgotten the session.
 */
export async function reportProviderSession(input: {
  tenantId: string;
  checkoutSessionId: string;
  provider: string;
  providerSessionId: string;
}): Promise<void> {
  const response = await callApi('/internal/payment-attempts', {
    method: 'POST',
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`the commerce API answered ${response.status}`);
}

import 'server-only';
import { CHECKOUT_SECRET_HEADER } from '@prood/checkout-host';
import {
  apiErrorEnvelopeSchema,
  type CheckoutOrderChange,
  type CheckoutOrderPayment,
  type CheckoutPageView,
  type CheckoutRestart,
  checkoutOrderPaymentSchema,
  checkoutPageViewSchema,
  checkoutRestartSchema,
} from '@prood/validators';
import { z } from 'zod';
import { env } from '../env';

/** The API answers these internal calls quickly or the page shows its error state. */
const TIMEOUT_MS = 5_000;

/** The API refused the request: its stable code (`coupon_not_found`, `order_not_payable`…). */
export class CommerceApiRefusal extends Error {
  override name = 'CommerceApiRefusal';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The API could not be asked (down, timed out, 5xx): the page's "unavailable" state. */
export class CommerceApiUnavailable extends Error {
  override name = 'CommerceApiUnavailable';
}

/**
 * One internal call: `x-checkout-secret`, JSON, a timeout, no Next.js data cache. Node's fetch
 * (undici) keeps its connections to the API alive, so a render pays no new handshake.
 */
async function callApi<T extends z.ZodType>(
  schema: T,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<z.output<T>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, env.COMMERCE_API_URL), {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        [CHECKOUT_SECRET_HEADER]: env.CHECKOUT_API_SECRET,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    throw new CommerceApiUnavailable(`the commerce API could not be reached: ${String(error)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return schema.parse(body);
  const refusal = apiErrorEnvelopeSchema.safeParse(body);
  if (response.status < 500 && refusal.success) {
    const { code, message } = refusal.data.error;
    throw new CommerceApiRefusal(code, response.status, message);
  }
  throw new CommerceApiUnavailable(`the commerce API answered ${response.status}`);
}

/** `null` for a 404 (unknown here, or another tenant's), the answer otherwise. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof CommerceApiRefusal && error.status === 404) return null;
    throw error;
  }
}

const q = encodeURIComponent;

/**
 * What one render of `/c/{id}` shows from the API, in one call: the tenant's page settings and
 * the session's order (none for a payment link). Null when the API knows neither.
 */
export function fetchCheckoutPageView(
  tenantId: string,
  orderId: string | null,
): Promise<CheckoutPageView | null> {
  const order = orderId ? `&order=${q(orderId)}` : '';
  return orNull(
    callApi(checkoutPageViewSchema, `/internal/checkout/page?org=${q(tenantId)}${order}`),
  );
}

/** The page of a session id that only an order still names (expired, or the store is down). */
export function fetchCheckoutPageViewBySession(
  sessionId: string,
): Promise<CheckoutPageView | null> {
  return orNull(
    callApi(checkoutPageViewSchema, `/internal/checkout/sessions/${q(sessionId)}/page`),
  );
}

/** The order's amount, payability and lines, as a payment for it is started. */
export function fetchCheckoutOrderPayment(
  tenantId: string,
  orderId: string,
): Promise<CheckoutOrderPayment | null> {
  return orNull(
    callApi(
      checkoutOrderPaymentSchema,
      `/internal/checkout/orders/${q(orderId)}/payment?org=${q(tenantId)}`,
    ),
  );
}

/** The shopper's change, repriced by the API; throws `CommerceApiRefusal` with its code. */
export function sendCheckoutOrderChange(
  tenantId: string,
  orderId: string,
  change: CheckoutOrderChange,
): Promise<CheckoutOrderPayment> {
  return callApi(
    checkoutOrderPaymentSchema,
    `/internal/checkout/orders/${q(orderId)}/changes?org=${q(tenantId)}`,
    { method: 'POST', body: change },
  );
}

/**
 * "Start again": the API opens a new session for the order this one was for (named by the
 * session when the store still has it, else the order that names the session id).
 */
export function restartCheckout(
  sessionId: string,
  order: { tenantId: string; orderId: string } | null,
): Promise<CheckoutRestart | null> {
  return orNull(
    callApi(checkoutRestartSchema, `/internal/checkout/sessions/${q(sessionId)}/restart`, {
      method: 'POST',
      body: order ? { org: order.tenantId, order: order.orderId } : {},
    }),
  );
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
  await callApi(z.unknown(), '/internal/payment-attempts', { method: 'POST', body: input });
}

const paymentLinkLandingSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  active: z.boolean(),
  merchantName: z.string(),
  productName: z.string(),
  description: z.string().nullable(),
  unitAmount: z.number().int(),
  quantity: z.number().int(),
  amount: z.number().int(),
  currency: z.string(),
});

export type PaymentLinkLanding = z.output<typeof paymentLinkLandingSchema>;

/** A product link's landing page: the merchant, the product and today's price; null if unknown. */
export function fetchPaymentLinkLanding(linkId: string): Promise<PaymentLinkLanding | null> {
  return orNull(callApi(paymentLinkLandingSchema, `/internal/checkout/links/${q(linkId)}`));
}

/**
 * A shopper starts paying through a product link: the API creates a fresh order (priced from the
 * database) and its session. Throws `CommerceApiRefusal` (`payment_link_inactive`, …).
 */
export function startPaymentLink(
  linkId: string,
  shopper: { name: string; email: string },
): Promise<{ orderId: string; sessionId: string; url: string }> {
  return callApi(
    z.object({ orderId: z.string(), sessionId: z.string(), url: z.string() }),
    `/internal/checkout/links/${q(linkId)}/start`,
    { method: 'POST', body: shopper },
  );
}

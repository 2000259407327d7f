import 'server-only';
import { CheckoutSession, type CheckoutSnapshot } from '@prood/checkout';
import {
  buildCheckoutSessionUrl,
  CheckoutInputError,
  cancelCheckoutSession,
  createPaymentLink,
  createStartedCheckoutSession,
  resolveCheckoutBaseUrl,
} from '@prood/checkout-host';
import { errorResponse, parseInput } from '@prood/http';
import { PROVIDER_IDS, type ProviderId } from '@prood/provider-factory';
import { redirectUrlProblem } from '@prood/validators';
import { z } from 'zod';
import { defaultProviderId, getTenant, resolveTenantProvider } from './context';

/** What the API learns about a session; never more than ids, state and money. */
export function toSessionInfo(snapshot: CheckoutSnapshot) {
  const session = CheckoutSession.hydrate(snapshot);
  return {
    id: snapshot.id,
    url: buildCheckoutSessionUrl(snapshot.id),
    status: session.status,
    paymentStatus: session.paymentStatus,
    state: session.state,
    expiresAt: snapshot.expiresAt,
    orderId: snapshot.orderId,
    providerSessionId: snapshot.providerSessionId,
  };
}

// Strict, like the public API: a field the checkout app does not know is refused, not dropped.
const createSessionBody = z.strictObject({
  tenantId: z.string().min(1),
  orderId: z.string().min(1),
  attempt: z.number().int().min(1),
  amount: z.number().int(),
  currency: z.string(),
  customerInfo: z.strictObject({
    name: z.string(),
    email: z.string(),
    phone: z.string().nullish(),
  }),
  fulfillment: z.strictObject({
    method: z.enum(['shipping', 'local_delivery', 'pickup', 'digital']),
    address: z.unknown().optional(),
    appointmentAt: z.string().nullish(),
  }),
  returnUrl: z.string().nullish(),
  provider: z.enum(PROVIDER_IDS).optional(),
  flow: z.enum(['hosted', 'embedded']).optional(),
  expiresIn: z.number().int().optional(),
});

const paymentLinkBody = z.strictObject({
  tenantId: z.string().min(1),
  amount: z.number().int(),
  currency: z.string(),
  description: z.string(),
  expiresIn: z.number().int().optional(),
});

const orderAddress = z.object({
  line1: z.string(),
  line2: z.string().nullish(),
  city: z.string(),
  postalCode: z.string().nullish(),
  state: z.string().nullish(),
  country: z.string(),
});

/** The order's address in the session snapshot's shape (`state` is called `region` there). */
function toSessionAddress(value: unknown) {
  const parsed = orderAddress.safeParse(value);
  if (!parsed.success) return null;
  const a = parsed.data;
  return {
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    postalCode: a.postalCode ?? null,
    region: a.state ?? null,
    country: a.country,
  };
}

type Outcome = { status: number; body: unknown } | Response;

async function tenantAndProvider(tenantId: string, requested?: ProviderId) {
  const tenant = await getTenant(tenantId);
  if (!tenant) return { error: errorResponse('not_found', 'No such account.') };
  const provider = requested ?? (await defaultProviderId(tenantId));
  if (!provider) {
    return {
      error: errorResponse('provider_not_configured', 'Connect a payment provider first.'),
    };
  }
  return { tenant, provider };
}

/** Validates the body, runs the handler, and turns input errors into 400s naming the field. */
async function handleInternal<T>(
  schema: z.ZodType<T>,
  json: unknown,
  run: (body: T) => Promise<Outcome>,
): Promise<Outcome> {
  const body = parseInput(schema, json, 'body');
  try {
    return await run(body);
  } catch (error) {
    if (error instanceof CheckoutInputError) {
      return errorResponse('validation_error', error.message, error.issues);
    }
    throw error;
  }
}

/** `POST /api/sessions`: a checkout session for one order attempt, asked for by the API. */
export function createOrderSession(json: unknown): Promise<Outcome> {
  return handleInternal(createSessionBody, json, async (body) => {
    const resolved = await tenantAndProvider(body.tenantId, body.provider);
    if ('error' in resolved) return resolved.error as Response;
    // The API checked it already; the app that redirects checks again (no open redirects).
    const returnUrl = body.returnUrl ?? `${resolveCheckoutBaseUrl()}/c/complete`;
    if (body.returnUrl) {
      const problem = redirectUrlProblem(body.returnUrl, resolved.tenant.allowedOrigins);
      if (problem) return errorResponse('invalid_redirect_url', `returnUrl ${problem}.`);
    }
    const address = toSessionAddress(body.fulfillment.address);
    // created already started (`info`): one write to the store, and the shopper's first step
    // does not have to save the `idle → info` move again
    const created = await createStartedCheckoutSession({
      orderId: body.orderId,
      amount: body.amount,
      currency: body.currency,
      tenantId: body.tenantId,
      returnUrl,
      customerInfo: {
        email: body.customerInfo.email,
        name: body.customerInfo.name,
        phone: body.customerInfo.phone ?? null,
      },
      fulfillment: address ? { type: body.fulfillment.method, address } : body.fulfillment.method,
      provider: resolved.provider,
      ...(body.expiresIn ? { expiresIn: body.expiresIn } : {}),
    });
    return {
      status: 201,
      body: {
        id: created.id,
        url: created.url,
        status: 'open',
        paymentStatus: 'unpaid',
        expiresAt: created.expiresAt.toISOString(),
        orderId: body.orderId,
        providerSessionId: null,
      },
    };
  });
}

/** `POST /api/payment-links` */
export function createLink(json: unknown): Promise<Outcome> {
  return handleInternal(paymentLinkBody, json, async (body) => {
    const resolved = await tenantAndProvider(body.tenantId);
    if ('error' in resolved) return resolved.error as Response;
    const link = await createPaymentLink({
      ...body,
      provider: resolved.provider,
    });
    return {
      status: 201,
      body: { id: link.id, url: link.url, expiresAt: link.expiresAt.toISOString() },
    };
  });
}

const cancelSessionBody = z.object({ tenantId: z.string().min(1) });

/**
 * `POST /api/sessions/{id}/cancel`: nobody can start paying this session any more; the
 * provider's session is expired where the provider can. Unknown or another tenant's session:
 * `not_found` (nothing to cancel), never an error the API has to tell apart.
 */
export function cancelOrderSession(id: string, json: unknown): Promise<Outcome> {
  return handleInternal(cancelSessionBody, json, async ({ tenantId }) => {
    if (!/^cs_/.test(id)) return { status: 200, body: { outcome: 'not_found' } };
    const result = await cancelCheckoutSession(id, {
      tenantId,
      resolveProvider: (providerId) => resolveTenantProvider(tenantId, providerId),
    });
    return { status: 200, body: { outcome: result.outcome } };
  });
}

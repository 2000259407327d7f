import { checkoutSecretMatches } from '@prood/checkout-host';
import { type Database, findOrderByCheckoutSessionId, isDatabaseUnavailable } from '@prood/db';
import { errorBody, HttpError, readJsonBody } from '@prood/http';
import { incomingRequestId } from '@prood/http/tracing';
import { type CheckoutRestart, idSchema, newId } from '@prood/validators';
import { z } from 'zod';
import { ApiError, notFound } from '../errors';
import type { Logger } from '../logger';
import type { PaymentRuntime } from '../payments/runtime';
import { startPaymentLinkSchema } from '../schemas';
import { startCheckout } from '../services/checkout';
import type { CheckoutAppClient } from '../services/checkout-app-client';
import {
  getCheckoutOrderPayment,
  getCheckoutPageView,
  getCheckoutPageViewBySession,
  updateCheckoutOrder,
} from '../services/checkout-page';
import { getPaymentLinkLanding, startPaymentLinkCheckout } from '../services/payment-links';

/** Where the checkout app's calls to the API live; the apps mount this one prefix. */
export const INTERNAL_CHECKOUT_PREFIX = '/internal/checkout';

export interface InternalCheckoutApiDependencies {
  db: Database;
  logger: Logger;
  /** `CHECKOUT_API_SECRET`: the checkout app sends it as `x-checkout-secret`. */
  checkoutSecret: string;
  /** For "start again": a new session is opened on the checkout app, as the storefront's is. */
  checkoutApp: CheckoutAppClient;
  payments: PaymentRuntime;
  cartTtlMs: number;
}

const tenantQuery = z.object({ org: idSchema('organization') });
const orderId = idSchema('order');
const restartBody = z.object({
  org: idSchema('organization').optional(),
  order: idSchema('order').optional(),
});
const sessionId = z.string().regex(/^cs_[A-Za-z0-9_]{1,100}$/);

type Handler = (args: {
  url: URL;
  match: RegExpExecArray;
  request: Request;
  log: Logger;
}) => Promise<unknown>;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** The tenant a request names (`?org=`) and the order id in its path, both well formed or 404. */
function scopeOf(url: URL, rawOrderId: string | undefined) {
  const tenant = tenantQuery.safeParse(Object.fromEntries(url.searchParams));
  const order = orderId.safeParse(rawOrderId);
  // malformed ids answer like unknown ones: nothing to learn from the difference
  if (!tenant.success || !order.success) throw notFound('order');
  return { tenantId: tenant.data.org, orderId: order.data };
}

/**
 * The commerce API's internal surface for the checkout app: the page it renders, the payment it
 * starts, the shopper's changes and "start again". The API owns orders; the checkout app asks
 * here instead of reading them. Every call carries the shared secret (`x-checkout-secret`,
 * compared in constant time by `checkoutSecretMatches`, as webhook forwarding is) or is 401
 * `unauthorized`; a tenant's request never sees another tenant's order (404 `not_found`).
 *
 * @example
 * const internal = createInternalCheckoutApi({ db, logger, checkoutSecret, checkoutApp, payments, cartTtlMs });
 * await internal.handle(new Request('http://api/internal/checkout/page?org=org_…&order=ord_…', { headers }));
 */
export function createInternalCheckoutApi(deps: InternalCheckoutApiDependencies) {
  const routes: Route[] = [
    {
      // one render of /c/{id}: the tenant's settings and the order, in one answer
      method: 'GET',
      pattern: /^\/page$/,
      handler: async ({ url }) => {
        const tenant = tenantQuery.safeParse({ org: url.searchParams.get('org') });
        if (!tenant.success) throw notFound('account');
        const rawOrder = url.searchParams.get('order');
        const order = rawOrder === null ? null : orderId.safeParse(rawOrder);
        if (order && !order.success) throw notFound('order');
        return getCheckoutPageView(deps.db, {
          tenantId: tenant.data.org,
          orderId: order?.data ?? null,
        });
      },
    },
    {
      // a session the store no longer holds (or cannot be read): the order that names it
      method: 'GET',
      pattern: /^\/sessions\/([^/]+)\/page$/,
      handler: async ({ match }) => {
        const id = sessionId.safeParse(match[1]);
        const view = id.success
          ? await getCheckoutPageViewBySession(deps.db, { checkoutSessionId: id.data })
          : null;
        if (!view) throw notFound('checkout session');
        return view;
      },
    },
    {
      method: 'GET',
      pattern: /^\/orders\/([^/]+)\/payment$/,
      handler: async ({ url, match }) => getCheckoutOrderPayment(deps.db, scopeOf(url, match[1])),
    },
    {
      // the shopper's change, repriced on the server; answers the order's new amount
      method: 'POST',
      pattern: /^\/orders\/([^/]+)\/changes$/,
      handler: async ({ url, match, request }) => {
        const scope = scopeOf(url, match[1]);
        const { json: change } = await readJsonBody(request);
        await updateCheckoutOrder(deps.db, scope, change);
        return getCheckoutOrderPayment(deps.db, scope);
      },
    },
    {
      // "start again" on an expired session: a new session for the order that named it
      method: 'POST',
      pattern: /^\/sessions\/([^/]+)\/restart$/,
      handler: async ({ match, request, log }): Promise<CheckoutRestart> => {
        const id = sessionId.safeParse(match[1]);
        if (!id.success) throw notFound('checkout session');
        const named = restartBody.safeParse((await readJsonBody(request)).json ?? {});
        if (!named.success) throw notFound('order');
        // the session names its order while the store has it; else the order names the session
        const ref =
          named.data.org && named.data.order
            ? { tenantId: named.data.org, id: named.data.order }
            : await findOrderByCheckoutSessionId(deps.db, { checkoutSessionId: id.data });
        if (!ref) throw notFound('checkout session');
        const session = await startCheckout(
          {
            db: deps.db,
            tenantId: ref.tenantId,
            requestId: newId('request'),
            logger: log.child({ tenantId: ref.tenantId }),
            checkoutApp: deps.checkoutApp,
            payments: deps.payments,
            config: { cartTtlMs: deps.cartTtlMs },
          },
          ref.id,
          {},
        );
        return { sessionId: session.id, url: session.url };
      },
    },
    {
      // a product link's landing page: the merchant, the product and its price today
      method: 'GET',
      pattern: /^\/links\/([^/]+)$/,
      handler: async ({ match }) => {
        const landing = await getPaymentLinkLanding(deps, match[1] ?? '');
        if (!landing) throw notFound('payment link');
        return landing;
      },
    },
    {
      // a shopper pays through a product link: a fresh order and session (409 when disabled)
      method: 'POST',
      pattern: /^\/links\/([^/]+)\/start$/,
      handler: async ({ match, request, log }) => {
        const body = startPaymentLinkSchema.safeParse((await readJsonBody(request)).json ?? {});
        if (!body.success) {
          throw new ApiError('validation_error', 'The name or email is not valid.', {
            issues: body.error.issues.map((i) => ({
              field: i.path.join('.'),
              message: i.message,
            })),
          });
        }
        return startPaymentLinkCheckout(
          {
            db: deps.db,
            requestId: newId('request'),
            logger: log,
            checkoutApp: deps.checkoutApp,
            payments: deps.payments,
            config: { cartTtlMs: deps.cartTtlMs },
          },
          match[1] ?? '',
          body.data,
        );
      },
    },
  ];

  async function dispatch(request: Request, log: Logger): Promise<Response> {
    if (!checkoutSecretMatches(deps.checkoutSecret, request.headers.get('x-checkout-secret'))) {
      throw new ApiError('unauthorized', 'This endpoint is for the checkout app only.');
    }
    const url = new URL(request.url);
    const path = url.pathname.startsWith(INTERNAL_CHECKOUT_PREFIX)
      ? url.pathname.slice(INTERNAL_CHECKOUT_PREFIX.length)
      : url.pathname;
    const matching = routes.filter((r) => r.pattern.test(path));
    const route = matching.find((r) => r.method === request.method);
    if (!route) {
      if (matching.length > 0) {
        throw new ApiError('method_not_allowed', `${request.method} is not supported on ${path}.`);
      }
      throw new ApiError('not_found', `No route ${request.method} ${url.pathname}.`);
    }
    const match = route.pattern.exec(path) as RegExpExecArray;
    return json(200, await route.handler({ url, match, request, log }));
  }

  return {
    /** Handles one request; never throws. */
    async handle(request: Request): Promise<Response> {
      const requestId = incomingRequestId(request.headers) ?? newId('request');
      const log = deps.logger.child({ requestId });
      let response: Response;
      try {
        response = await dispatch(request, log);
      } catch (error) {
        if (error instanceof HttpError) {
          response = json(error.status, error.toBody());
        } else if (isDatabaseUnavailable(error)) {
          log.warn({ err: error }, 'database unavailable');
          response = json(
            503,
            errorBody('service_unavailable', 'The service is briefly unavailable; retry shortly.'),
          );
        } else {
          log.error({ err: error }, 'unhandled error');
          response = json(500, errorBody('internal_error', 'Something went wrong on our side.'));
        }
      }
      response.headers.set('x-request-id', requestId);
      return response;
    },
  };
}

export type InternalCheckoutApi = ReturnType<typeof createInternalCheckoutApi>;

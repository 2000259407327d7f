import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import { stripeId } from './ids';
import type { StripeObject } from './objects';
import * as objects from './objects';
import {
  arrayOf,
  bool,
  FakeStripeError,
  int,
  metadata,
  obj,
  oneOf,
  type Spec,
  str,
  validateParams,
} from './params';

export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey: string | undefined;
  stripeAccount: string | undefined;
  stripeVersion: string | undefined;
  status: number;
}

export interface FakeState {
  checkoutSessions: Map<string, StripeObject>;
  paymentIntents: Map<string, StripeObject>;
  charges: Map<string, StripeObject>;
  refunds: Map<string, StripeObject>;
  customers: Map<string, StripeObject>;
  subscriptions: Map<string, StripeObject>;
  billingPortalSessions: Map<string, StripeObject>;
  webhookEndpoints: Map<string, StripeObject>;
  /** Every request the fake answered, in order: assert on what the SDK actually sent. */
  requests: RecordedRequest[];
}

export interface InjectedFailure {
  status: number;
  error: { type: string; code?: string; message: string; decline_code?: string };
  /** Only requests whose path starts with this; default all. */
  pathPrefix?: string;
  /** How many requests fail; default 1. */
  times?: number;
}

interface Context {
  livemode: boolean;
  now: number;
  params: Record<string, unknown>;
  id: string | undefined;
}

type Handler = (context: Context) => { status?: number; body: unknown };

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  spec: Spec;
  handle: Handler;
}

const expand = arrayOf(str);

const notFound = (kind: string, id: string | undefined) =>
  new FakeStripeError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param: 'id',
    message: `No such ${kind}: '${id ?? ''}'`,
  });

const badRequest = (message: string, param?: string, code?: string) =>
  new FakeStripeError(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });

function get(map: Map<string, StripeObject>, kind: string, id: string | undefined): StripeObject {
  const found = id ? map.get(id) : undefined;
  if (!found) throw notFound(kind, id);
  return found;
}

export interface FakeCore {
  state: FakeState;
  routes: Route[];
  now: () => number;
  injectFailure(failure: InjectedFailure): void;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Extra per-session data the checkout session object does not show (its create params). */
  sessionParams: Map<string, Record<string, unknown>>;
}

export interface FakeCoreOptions {
  now?: () => number;
  apiKeys?: string[];
  /**
   * Hosts the fake treats as publicly reachable for webhook endpoints (e.g. `localhost` when a
   * test's checkout app runs there); every other local or private host is refused like Stripe.
   */
  reachableHosts?: string[];
}

/** Builds the fake's state and request handling; `startStripeFake` puts it on a port. */
export function createFakeCore(options: FakeCoreOptions): FakeCore {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const reachableHosts = new Set(options.reachableHosts ?? []);

  /**
   * Stripe refuses an endpoint it cannot deliver to: a URL that is not http(s), a host that is
   * not public (localhost, private addresses: "URL must be publicly accessible"), and in live
   * mode anything but https. `reachableHosts` stands for hosts a test makes "public".
   */
  function refuseWebhookUrl(raw: string, livemode: boolean): void {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw badRequest('Invalid URL: Not a valid URL', 'url', 'url_invalid');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw badRequest('Invalid URL: Not a valid URL', 'url', 'url_invalid');
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const local =
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      host === '::1' ||
      /^(?:127|10|0)\.|^192\.168\.|^172\.(?:1[6-9]|2\d|3[01])\.|^169\.254\./.test(host);
    if (local && !reachableHosts.has(host)) {
      throw badRequest(
        'Invalid URL: URL must be publicly accessible. Consider using a tool like Stripe CLI to test webhooks locally: github.com/stripe/stripe-cli',
        'url',
        'url_invalid',
      );
    }
    if (livemode && url.protocol !== 'https:') {
      throw badRequest('Invalid URL: URL must use HTTPS in live mode.', 'url', 'url_invalid');
    }
  }
  const state: FakeState = {
    checkoutSessions: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    customers: new Map(),
    subscriptions: new Map(),
    billingPortalSessions: new Map(),
    webhookEndpoints: new Map(),
    requests: [],
  };
  const sessionParams = new Map<string, Record<string, unknown>>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const failures: InjectedFailure[] = [];

  const livePrefix = (livemode: boolean) => (livemode ? 'live' : 'test');

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions$/,
      spec: obj(
        {
          mode: oneOf('payment', 'subscription', 'setup'),
          line_items: arrayOf(
            obj({
              quantity: int,
              price: str,
              price_data: obj(
                {
                  currency: str,
                  unit_amount: int,
                  product: str,
                  product_data: obj({ name: str, description: str, metadata }, ['name']),
                  recurring: obj(
                    { interval: oneOf('day', 'week', 'month', 'year'), interval_count: int },
                    ['interval'],
                  ),
                  tax_behavior: oneOf('inclusive', 'exclusive', 'unspecified'),
                },
                ['currency'],
              ),
            }),
          ),
          client_reference_id: str,
          metadata,
          expires_at: int,
          success_url: str,
          cancel_url: str,
          allow_promotion_codes: bool,
          customer: str,
          customer_email: str,
          payment_intent_data: obj({ metadata, description: str }),
          subscription_data: obj({ metadata, description: str }),
          ui_mode: oneOf('hosted', 'embedded', 'custom'),
          expand,
        },
        ['mode'],
      ),
      handle: ({ params, now, livemode }) => {
        const lineItems = (params.line_items ?? []) as objects.LineItemInput[];
        if (params.mode !== 'setup' && lineItems.length === 0) {
          throw badRequest(
            '`line_items` is required in `payment` and `subscription` mode.',
            'line_items',
          );
        }
        if (params.customer && params.customer_email) {
          throw badRequest(
            'You may only specify one of these parameters: customer, customer_email.',
            'customer_email',
          );
        }
        if (params.customer && !state.customers.has(params.customer as string)) {
          throw notFound('customer', params.customer as string);
        }
        if (params.mode !== 'payment' && params.payment_intent_data) {
          throw badRequest(
            'You can not pass `payment_intent_data` in `subscription` mode.',
            'payment_intent_data',
          );
        }
        if (params.mode !== 'subscription' && params.subscription_data) {
          throw badRequest(
            'You can only pass `subscription_data` in `subscription` mode.',
            'subscription_data',
          );
        }
        if ((params.ui_mode ?? 'hosted') === 'hosted' && !params.success_url) {
          throw badRequest(
            'Missing required param: success_url.',
            'success_url',
            'parameter_missing',
          );
        }
        if (typeof params.expires_at === 'number') {
          const ahead = params.expires_at - now;
          if (ahead < 30 * 60) {
            throw badRequest(
              'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
              'expires_at',
            );
          }
          if (ahead > 24 * 3600) {
            throw badRequest(
              'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
              'expires_at',
            );
          }
        }
        let currency: string | undefined;
        let total = 0;
        for (const [index, item] of lineItems.entries()) {
          const data = item.price_data;
          if (!data || data.unit_amount === undefined || !data.product_data) {
            throw badRequest(
              'Each line item needs price_data with unit_amount and product_data.',
              `line_items[${index}][price_data]`,
            );
          }
          if (params.mode === 'payment' && data.recurring) {
            throw badRequest(
              'You must provide at least one recurring price in `subscription` mode when using prices; `payment` mode does not accept recurring prices.',
              `line_items[${index}][price_data][recurring]`,
            );
          }
          if (currency && data.currency !== currency) {
            throw badRequest(
              'All line items must share one currency.',
              `line_items[${index}][price_data][currency]`,
            );
          }
          currency = data.currency;
          total += data.unit_amount * (item.quantity ?? 1);
        }
        if (
          params.mode === 'subscription' &&
          !lineItems.some((item) => item.price_data?.recurring)
        ) {
          throw badRequest(
            'You must provide at least one recurring price in `subscription` mode when using prices.',
            'line_items',
          );
        }
        const id = stripeId(`cs_${livePrefix(livemode)}`, 58);
        const session = objects.checkoutSession({
          id,
          created: now,
          livemode,
          params,
          amountTotal: total,
          currency: currency ?? 'usd',
        });
        state.checkoutSessions.set(id, session);
        sessionParams.set(id, params);
        return { body: session };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      spec: obj({ expand }),
      handle: ({ id, params }) => {
        const session = get(state.checkoutSessions, 'checkout.session', id);
        const wanted = (params.expand ?? []) as string[];
        const copy = structuredClone(session);
        for (const field of wanted) {
          if (field === 'payment_intent' && typeof copy.payment_intent === 'string') {
            copy.payment_intent = state.paymentIntents.get(copy.payment_intent) ?? null;
          } else if (field === 'subscription' && typeof copy.subscription === 'string') {
            copy.subscription = state.subscriptions.get(copy.subscription) ?? null;
          } else if (field !== 'payment_intent' && field !== 'subscription') {
            throw badRequest(`This property cannot be expanded (${field}).`, 'expand');
          }
        }
        return { body: copy };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
      spec: obj({ expand }),
      handle: ({ id }) => {
        const session = get(state.checkoutSessions, 'checkout.session', id);
        if (session.status !== 'open') {
          throw badRequest(
            `Only Checkout Sessions with a status of \`open\` can be expired. This Checkout Session has a status of \`${String(session.status)}\`.`,
          );
        }
        session.status = 'expired';
        return { body: session };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents$/,
      spec: obj(
        {
          amount: int,
          currency: str,
          automatic_payment_methods: obj(
            { enabled: bool, allow_redirects: oneOf('always', 'never') },
            ['enabled'],
          ),
          metadata,
          customer: str,
          description: str,
          payment_method_types: arrayOf(str),
          expand,
        },
        ['amount', 'currency'],
      ),
      handle: ({ params, now, livemode }) => {
        if ((params.amount as number) < 1) {
          throw badRequest('Amount must be at least 1.', 'amount', 'amount_too_small');
        }
        if (params.customer && !state.customers.has(params.customer as string)) {
          throw notFound('customer', params.customer as string);
        }
        const id = stripeId('pi');
        const intent = objects.paymentIntent({
          id,
          created: now,
          livemode,
          amount: params.amount as number,
          currency: params.currency as string,
          metadata: (params.metadata ?? {}) as Record<string, string>,
          customer: (params.customer as string | undefined) ?? null,
          status: 'requires_payment_method',
          secret: randomBytes(12).toString('hex'),
        });
        state.paymentIntents.set(id, intent);
        return { body: intent };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      spec: obj({ expand, client_secret: str }),
      handle: ({ id }) => ({ body: get(state.paymentIntents, 'payment_intent', id) }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/refunds$/,
      spec: obj({
        payment_intent: str,
        charge: str,
        amount: int,
        reason: oneOf('duplicate', 'fraudulent', 'requested_by_customer'),
        metadata,
        expand,
      }),
      handle: ({ params, now }) => {
        let intent: StripeObject | undefined;
        let target: StripeObject | undefined;
        if (params.payment_intent) {
          intent = get(state.paymentIntents, 'payment_intent', params.payment_intent as string);
          target = intent.latest_charge
            ? state.charges.get(intent.latest_charge as string)
            : undefined;
          if (!target) {
            throw badRequest(
              `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
              'payment_intent',
            );
          }
        } else if (params.charge) {
          target = get(state.charges, 'charge', params.charge as string);
        } else {
          throw badRequest(
            'One of the following params should be provided for this request: payment_intent or charge.',
            undefined,
            'parameter_missing',
          );
        }
        const left = (target.amount as number) - (target.amount_refunded as number);
        const amount = (params.amount as number | undefined) ?? left;
        if (left <= 0) {
          throw badRequest(
            `Charge ${target.id} has already been refunded.`,
            undefined,
            'charge_already_refunded',
          );
        }
        if (amount < 1 || amount > left) {
          throw badRequest(
            `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
            'amount',
            'amount_too_large',
          );
        }
        const id = stripeId('re');
        const created = objects.refund({
          id,
          created: now,
          amount,
          currency: target.currency as string,
          charge: target.id,
          paymentIntent: target.payment_intent as string,
          metadata: (params.metadata ?? {}) as Record<string, string>,
          reason: (params.reason as string | undefined) ?? null,
        });
        state.refunds.set(id, created);
        target.amount_refunded = (target.amount_refunded as number) + amount;
        target.refunded = target.amount_refunded === target.amount;
        const list = target.refunds as { data: StripeObject[] };
        list.data.unshift(created);
        return { body: created };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/customers$/,
      spec: obj({ email: str, name: str, phone: str, description: str, metadata, expand }),
      handle: ({ params, now, livemode }) => {
        const id = stripeId('cus', 14);
        const created = objects.customer({ id, created: now, livemode, params });
        state.customers.set(id, created);
        return { body: created };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/search$/,
      spec: obj({ query: str, limit: int, page: str, expand }, ['query']),
      handle: ({ params }) => {
        const matches = searchCustomers(state.customers, params.query as string);
        const limit = (params.limit as number | undefined) ?? 10;
        return {
          body: {
            object: 'search_result',
            data: matches.slice(0, limit),
            has_more: matches.length > limit,
            next_page: null,
            url: '/v1/customers/search',
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers$/,
      spec: obj({ email: str, limit: int, starting_after: str, ending_before: str, expand }),
      handle: ({ params }) => {
        const all = [...state.customers.values()].filter(
          (each) => params.email === undefined || each.email === params.email,
        );
        const limit = (params.limit as number | undefined) ?? 10;
        return {
          body: {
            object: 'list',
            data: all.slice(0, limit),
            has_more: all.length > limit,
            url: '/v1/customers',
          },
        };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/billing_portal\/sessions$/,
      spec: obj({ customer: str, return_url: str, configuration: str, locale: str, expand }, [
        'customer',
      ]),
      handle: ({ params, now, livemode }) => {
        const customerId = get(state.customers, 'customer', params.customer as string).id;
        const id = stripeId('bps');
        const created = objects.billingPortalSession({
          id,
          created: now,
          livemode,
          customer: customerId,
          returnUrl: (params.return_url as string | undefined) ?? null,
        });
        state.billingPortalSessions.set(id, created);
        return { body: created };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      spec: obj({ cancel_at_period_end: bool, metadata, expand }),
      handle: ({ id, params, now }) => {
        const sub = get(state.subscriptions, 'subscription', id);
        if (sub.status === 'canceled') {
          throw badRequest(
            'A canceled subscription can only update its cancellation_details and metadata.',
          );
        }
        if (typeof params.cancel_at_period_end === 'boolean') {
          sub.cancel_at_period_end = params.cancel_at_period_end;
          sub.canceled_at = params.cancel_at_period_end ? now : null;
        }
        if (params.metadata)
          sub.metadata = { ...(sub.metadata as object), ...(params.metadata as object) };
        return { body: sub };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      spec: obj({
        invoice_now: bool,
        prorate: bool,
        cancellation_details: obj({ comment: str, feedback: str }),
        expand,
      }),
      handle: ({ id, now }) => {
        const sub = get(state.subscriptions, 'subscription', id);
        if (sub.status === 'canceled') {
          throw badRequest(
            `No such subscription: '${sub.id}' (already canceled)`,
            'id',
            'resource_missing',
          );
        }
        sub.status = 'canceled';
        sub.canceled_at = now;
        sub.ended_at = now;
        return { body: sub };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/webhook_endpoints$/,
      spec: obj(
        {
          url: str,
          enabled_events: arrayOf(str),
          description: str,
          metadata,
          api_version: str,
          connect: bool,
          expand,
        },
        ['url', 'enabled_events'],
      ),
      handle: ({ params, now, livemode }) => {
        refuseWebhookUrl(params.url as string, livemode);
        const id = stripeId('we');
        const created = objects.webhookEndpoint({
          id,
          created: now,
          livemode,
          params,
          secret: `whsec_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`,
        });
        state.webhookEndpoints.set(id, created);
        return { body: created };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/webhook_endpoints$/,
      spec: obj({ limit: int, starting_after: str, ending_before: str, expand }),
      handle: ({ params, livemode }) => {
        // newest first, like Stripe's lists; test and live objects never mix
        const all = [...state.webhookEndpoints.values()]
          .filter((each) => each.livemode === livemode)
          .reverse();
        const limit = (params.limit as number | undefined) ?? 10;
        return {
          body: {
            object: 'list',
            data: all.slice(0, limit).map(objects.withoutSecret),
            has_more: all.length > limit,
            url: '/v1/webhook_endpoints',
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
      spec: obj({ expand }),
      handle: ({ id }) => ({
        body: objects.withoutSecret(get(state.webhookEndpoints, 'webhook endpoint', id)),
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
      spec: obj({}),
      handle: ({ id }) => {
        const endpoint = get(state.webhookEndpoints, 'webhook endpoint', id);
        state.webhookEndpoints.delete(endpoint.id as string);
        return { body: { id: endpoint.id, object: 'webhook_endpoint', deleted: true } };
      },
    },
  ];

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function apiKeyOf(request: IncomingMessage): string | undefined {
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Bearer ')) return header.slice(7).trim();
    if (header.startsWith('Basic ')) {
      return Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0];
    }
    return undefined;
  }

  function send(
    response: ServerResponse,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) {
    response.writeHead(status, {
      'content-type': 'application/json',
      'request-id': stripeId('req', 14),
      ...extra,
    });
    response.end(JSON.stringify(body));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.stripe');
    const method = request.method ?? 'GET';
    const raw =
      method === 'GET' || method === 'DELETE' ? url.search.slice(1) : await readBody(request);
    const decoded = qs.parse(raw, {
      depth: 20,
      arrayLimit: 1000,
      parameterLimit: 10_000,
    }) as Record<string, unknown>;
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      params: decoded,
      idempotencyKey,
      stripeAccount: request.headers['stripe-account'] as string | undefined,
      stripeVersion: request.headers['stripe-version'] as string | undefined,
      status: 0,
    };
    state.requests.push(record);
    const reply = (status: number, body: unknown, extra?: Record<string, string>) => {
      record.status = status;
      send(response, status, body, extra);
    };

    const apiKey = apiKeyOf(request);
    const keyMatch = apiKey ? /^(?:sk|rk)_(test|live)_[0-9A-Za-z]+$/.exec(apiKey) : null;
    if (!apiKey || !keyMatch || (options.apiKeys && !options.apiKeys.includes(apiKey))) {
      reply(401, {
        error: {
          type: 'invalid_request_error',
          message: apiKey ? 'Invalid API Key provided.' : 'You did not provide an API key.',
        },
      });
      return;
    }
    // A restricted key here is one made for payments: it may not read or manage webhook
    // endpoints. Stripe answers 403 and names the permission that would allow the request.
    if (apiKey.startsWith('rk_') && url.pathname.startsWith('/v1/webhook_endpoints')) {
      const permission = method === 'GET' ? 'rak_webhook_read' : 'rak_webhook_write';
      reply(403, {
        error: {
          type: 'invalid_request_error',
          message: `The provided key '${apiKey.slice(0, 8)}${'*'.repeat(8)}${apiKey.slice(-4)}' does not have the required permissions for this endpoint on account 'acct_1FakeStripeAcct'. Having the '${permission}' permission would allow this request to continue.`,
        },
      });
      return;
    }
    const failureIndex = failures.findIndex(
      (f) => !f.pathPrefix || url.pathname.startsWith(f.pathPrefix),
    );
    const failure = failures[failureIndex];
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.splice(failureIndex, 1);
      reply(failure.status, { error: failure.error });
      return;
    }
    const route = routes.find((each) => each.method === method && each.pattern.test(url.pathname));
    if (!route) {
      reply(404, {
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}).`,
        },
      });
      return;
    }
    const idemKey =
      method === 'POST' && idempotencyKey
        ? `${apiKey}\n${record.stripeAccount ?? ''}\n${idempotencyKey}`
        : undefined;
    const fingerprint = createHash('sha256')
      .update(`${method} ${url.pathname}\n${raw}`)
      .digest('hex');
    if (idemKey) {
      const seen = idempotency.get(idemKey);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          reply(400, {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          });
          return;
        }
        reply(seen.status, seen.body, { 'idempotent-replayed': 'true' });
        return;
      }
    }
    try {
      const params = validateParams(decoded, route.spec, '') as Record<string, unknown>;
      const id = route.pattern.exec(url.pathname)?.[1];
      const result = route.handle({
        livemode: keyMatch[1] === 'live',
        now: now(),
        params,
        id: id ? decodeURIComponent(id) : undefined,
      });
      const status = result.status ?? 200;
      // a snapshot, so later changes to the object do not alter a replayed answer
      const body = structuredClone(result.body);
      if (idemKey) idempotency.set(idemKey, { fingerprint, status, body });
      reply(status, body);
    } catch (error) {
      if (error instanceof FakeStripeError) {
        reply(error.status, { error: error.body });
        return;
      }
      reply(500, { error: { type: 'api_error', message: 'The Stripe fake failed.' } });
      throw error;
    }
  }

  return {
    state,
    routes,
    now,
    sessionParams,
    injectFailure: (failure) => failures.push({ ...failure }),
    handle,
  };
}

/** Supports the subset of Stripe's search language the platform uses: `field:'value'` AND … */
function searchCustomers(customers: Map<string, StripeObject>, query: string): StripeObject[] {
  const clauses = query.split(/\s+AND\s+/i).map((clause) => {
    const match = /^(?:metadata\['([^']+)'\]|(\w+)):'((?:[^'\\]|\\.)*)'$/.exec(clause.trim());
    if (!match) {
      throw new FakeStripeError(400, {
        type: 'invalid_request_error',
        param: 'query',
        message: `The fake cannot parse the search query clause: ${clause}`,
      });
    }
    return {
      metadataKey: match[1],
      field: match[2],
      value: (match[3] ?? '').replace(/\\(.)/g, '$1'),
    };
  });
  return [...customers.values()].filter((customer) =>
    clauses.every((clause) => {
      if (clause.metadataKey) {
        return (customer.metadata as Record<string, string>)[clause.metadataKey] === clause.value;
      }
      return clause.field !== undefined && customer[clause.field] === clause.value;
    }),
  );
}

export function listen(
  core: FakeCore,
  port = 0,
): Promise<{ server: ReturnType<typeof createServer>; port: number }> {
  const server = createServer((request, response) => {
    core.handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

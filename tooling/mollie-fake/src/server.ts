import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A Mollie amount on the wire: an ISO currency and a decimal string (`"10.00"`). */
export interface MollieAmount {
  currency: string;
  value: string;
}

export type MolliePaymentStatus =
  | 'open'
  | 'pending'
  | 'authorized'
  | 'paid'
  | 'failed'
  | 'canceled'
  | 'expired';

export type MollieRefundStatus =
  | 'queued'
  | 'pending'
  | 'processing'
  | 'refunded'
  | 'failed'
  | 'canceled';

export interface StoredPayment {
  /** The API key's account: another account's key sees a 404. */
  account: string;
  payment: Record<string, unknown> & { id: string; status: MolliePaymentStatus };
  /** The methods the payment was created for (empty: any the profile has). */
  methods: unknown[];
  refunds: (Record<string, unknown> & { id: string; status: MollieRefundStatus })[];
}

export interface WebhookCall {
  url: string;
  body: string;
  status: number | null;
  error?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  idempotencyKey: string | undefined;
}

export interface FakeState {
  payments: Map<string, StoredPayment>;
  webhookCalls: WebhookCall[];
  requests: RecordedRequest[];
}

/** Where Mollie's documentation on errors lives; every error document links to it. */
const ERROR_DOCS = 'https://docs.mollie.com/overview/handling-errors';
const API_KEY = /^(test|live)_[A-Za-z0-9]{30}$/;
const PAYMENT_ID = /^tr_[A-Za-z0-9]{10}$/;
/** Methods the fake's profile has enabled (a small, real subset). */
export const FAKE_METHODS = ['ideal', 'bancontact', 'creditcard'] as const;
/** Decimal places Mollie expects per currency (others: 2). */
const DECIMALS: Record<string, number> = { JPY: 0, ISK: 0, HUF: 2 };
/** Mollie's open payments expire after about 15 minutes (method-dependent). */
const OPEN_FOR_MS = 15 * 60 * 1000;

const CREATE_PAYMENT_FIELDS = new Set([
  'amount',
  'description',
  'redirectUrl',
  'cancelUrl',
  'webhookUrl',
  'method',
  'metadata',
  'locale',
  'sequenceType',
]);
const CREATE_REFUND_FIELDS = new Set(['amount', 'description', 'metadata']);
const LOCALES = /^[a-z]{2}_[A-Z]{2}$/;

export class MollieHttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

function token(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export const mollieId = (prefix: string) => `${prefix}_${token(10)}`;

function unprocessable(detail: string, field?: string): MollieHttpError {
  return new MollieHttpError(422, 'Unprocessable Entity', detail, field);
}

function notFound(detail: string): MollieHttpError {
  return new MollieHttpError(404, 'Not Found', detail);
}

/** Validates `{ currency, value }` the way Mollie does: the value has the currency's decimals. */
function parseAmount(value: unknown, field: string): MollieAmount {
  if (typeof value !== 'object' || value === null) {
    throw unprocessable(
      `The amount is required for ${field === 'amount' ? 'payments' : field}`,
      field,
    );
  }
  const { currency, value: amount, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra)
    throw unprocessable(`The '${field}.${extra}' parameter is unknown`, `${field}.${extra}`);
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw unprocessable('The amount currency is invalid', `${field}.currency`);
  }
  const decimals = DECIMALS[currency] ?? 2;
  const pattern = decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${decimals}}$`);
  if (typeof amount !== 'string' || !pattern.test(amount)) {
    throw unprocessable(
      `The amount value must be a string with ${decimals} decimals for ${currency}`,
      `${field}.value`,
    );
  }
  return { currency, value: amount };
}

/** Minor units of a wire amount, exactly (no floats). */
export function minorOf(amount: MollieAmount): number {
  const [whole = '0', fraction = ''] = amount.value.split('.');
  return Number(whole) * 10 ** fraction.length + Number(fraction || '0');
}

function formatMinor(minor: number, like: MollieAmount): MollieAmount {
  const decimals = like.value.split('.')[1]?.length ?? 0;
  if (decimals === 0) return { currency: like.currency, value: String(minor) };
  const digits = String(minor).padStart(decimals + 1, '0');
  return {
    currency: like.currency,
    value: `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`,
  };
}

function absoluteUrl(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw unprocessable(`The ${field} is required`, field);
    return undefined;
  }
  if (
    typeof value !== 'string' ||
    !URL.canParse(value) ||
    !/^https?:$/.test(new URL(value).protocol)
  ) {
    throw unprocessable(`The ${field} is invalid`, field);
  }
  return value;
}

function rejectUnknown(body: Record<string, unknown>, allowed: Set<string>): void {
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) throw unprocessable(`The '${key}' parameter is unknown`, key);
  }
}

function link(href: string, type = 'application/hal+json') {
  return { href, type };
}

export interface FakeCore {
  state: FakeState;
  baseUrl: () => string;
  /** Set by `listen` once the port is known: links in objects point here. */
  setBaseUrl(url: string): void;
  now: () => number;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Moves a payment to a status as Mollie's test page would, then calls its webhook. */
  settle(id: string, status: MolliePaymentStatus): Promise<StoredPayment>;
  /** Calls the payment's webhook with `id=tr_…`, as Mollie does on every status change. */
  notify(id: string): Promise<WebhookCall | undefined>;
  /** Refund(s) of a payment reach `refunded`, and the payment's webhook is called. */
  processRefunds(id: string): Promise<StoredPayment>;
}

export function createFakeCore(options: { now?: () => number } = {}): FakeCore {
  const state: FakeState = { payments: new Map(), webhookCalls: [], requests: [] };
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const now = options.now ?? (() => Date.now());
  let base = '';
  const iso = (ms = now()) => new Date(ms).toISOString();

  function account(request: IncomingMessage): { id: string; mode: 'test' | 'live' } {
    const header = request.headers.authorization ?? '';
    const key = /^Bearer (.+)$/.exec(header)?.[1];
    if (!key || !API_KEY.test(key)) {
      throw new MollieHttpError(
        401,
        'Unauthorized Request',
        'Missing authentication, or failed to authenticate',
      );
    }
    // one account per key: a payment made with one key is invisible to every other key
    return { id: key, mode: key.startsWith('live_') ? 'live' : 'test' };
  }

  function view(stored: StoredPayment, embedRefunds = false): Record<string, unknown> {
    const payment = structuredClone(stored.payment);
    const links = payment._links as Record<string, unknown>;
    if (stored.payment.status !== 'open') delete links.checkout;
    if (stored.refunds.length > 0)
      links.refunds = link(`${base}/v2/payments/${payment.id}/refunds`);
    if (embedRefunds)
      payment._embedded = { refunds: stored.refunds.map((r) => structuredClone(r)) };
    return payment;
  }

  function expireIfDue(stored: StoredPayment): void {
    const expiresAt = stored.payment.expiresAt;
    if (
      stored.payment.status === 'open' &&
      typeof expiresAt === 'string' &&
      Date.parse(expiresAt) <= now()
    ) {
      setStatus(stored, 'expired');
    }
  }

  function setStatus(stored: StoredPayment, status: MolliePaymentStatus): void {
    const payment = stored.payment;
    payment.status = status;
    payment.isCancelable = status === 'open';
    const at = iso();
    if (status !== 'open') delete payment.expiresAt;
    if (status === 'paid') {
      payment.paidAt = at;
      payment.method ??= 'ideal';
      payment.amountRefunded = formatMinor(0, payment.amount as MollieAmount);
      payment.amountRemaining = structuredClone(payment.amount);
      payment.settlementAmount = structuredClone(payment.amount);
    }
    if (status === 'authorized') payment.authorizedAt = at;
    if (status === 'failed') {
      payment.failedAt = at;
      payment.details = { failureReason: 'card_declined', failureMessage: 'Card declined' };
    }
    if (status === 'canceled') payment.canceledAt = at;
    if (status === 'expired') payment.expiredAt = at;
  }

  function owned(id: string, acct: { id: string }): StoredPayment {
    const stored = PAYMENT_ID.test(id) ? state.payments.get(id) : undefined;
    if (!stored || stored.account !== acct.id)
      throw notFound(`No payment exists with token ${id}.`);
    expireIfDue(stored);
    return stored;
  }

  function createPayment(
    acct: { id: string; mode: 'test' | 'live' },
    body: Record<string, unknown>,
  ) {
    rejectUnknown(body, CREATE_PAYMENT_FIELDS);
    const amount = parseAmount(body.amount, 'amount');
    if (minorOf(amount) <= 0) throw unprocessable('The amount is lower than the minimum', 'amount');
    if (typeof body.description !== 'string' || body.description.trim() === '') {
      throw unprocessable('The description is required', 'description');
    }
    if (body.description.length > 255)
      throw unprocessable('The description is too long', 'description');
    const redirectUrl = absoluteUrl(body.redirectUrl, 'redirectUrl', true);
    const cancelUrl = absoluteUrl(body.cancelUrl, 'cancelUrl', false);
    const webhookUrl = absoluteUrl(body.webhookUrl, 'webhookUrl', false);
    const methods = body.method === undefined || body.method === null ? [] : [body.method].flat();
    for (const method of methods) {
      if (!(FAKE_METHODS as readonly unknown[]).includes(method)) {
        throw unprocessable(
          `The payment method is invalid or not activated: ${String(method)}`,
          'method',
        );
      }
    }
    if (
      body.locale !== undefined &&
      (typeof body.locale !== 'string' || !LOCALES.test(body.locale))
    ) {
      throw unprocessable('The locale is invalid', 'locale');
    }
    if (body.sequenceType !== undefined && body.sequenceType !== 'oneoff') {
      throw unprocessable('The sequence type is not supported by this fake', 'sequenceType');
    }
    if (body.metadata !== undefined && JSON.stringify(body.metadata).length > 1024) {
      throw unprocessable('The metadata is too large (1 KB at most)', 'metadata');
    }
    const id = mollieId('tr');
    const created = now();
    const payment: StoredPayment['payment'] = {
      resource: 'payment',
      id,
      mode: acct.mode,
      createdAt: iso(created),
      amount,
      description: body.description,
      method: methods.length === 1 ? methods[0] : null,
      metadata: body.metadata ?? null,
      status: 'open',
      isCancelable: true,
      expiresAt: iso(created + OPEN_FOR_MS),
      profileId: `pfl_${acct.id.slice(-10)}`,
      sequenceType: 'oneoff',
      redirectUrl,
      ...(cancelUrl ? { cancelUrl } : {}),
      ...(webhookUrl ? { webhookUrl } : {}),
      ...(body.locale ? { locale: body.locale } : {}),
      _links: {
        self: link(`${base}/v2/payments/${id}`),
        checkout: link(`${base}/checkout/select-method/${id}`, 'text/html'),
        dashboard: link(`${base}/dashboard/payments/${id}`, 'text/html'),
        documentation: link('https://docs.mollie.com/reference/create-payment', 'text/html'),
      },
    };
    const stored: StoredPayment = { account: acct.id, payment, methods, refunds: [] };
    state.payments.set(id, stored);
    return view(stored);
  }

  function createRefund(stored: StoredPayment, body: Record<string, unknown>) {
    rejectUnknown(body, CREATE_REFUND_FIELDS);
    const payment = stored.payment;
    if (payment.status !== 'paid') {
      throw unprocessable(`The payment has status ${payment.status} and cannot be refunded`);
    }
    const amount = parseAmount(body.amount, 'amount');
    const paid = payment.amount as MollieAmount;
    if (amount.currency !== paid.currency) {
      throw unprocessable('The refund currency must match the payment currency', 'amount.currency');
    }
    const remaining = minorOf(payment.amountRemaining as MollieAmount);
    const minor = minorOf(amount);
    if (minor <= 0) throw unprocessable('The amount is lower than the minimum', 'amount');
    if (minor > remaining) {
      throw unprocessable(
        `The refund amount is higher than the remaining amount of the payment (${formatMinor(remaining, paid).value})`,
        'amount',
      );
    }
    const refund: StoredPayment['refunds'][number] = {
      resource: 'refund',
      id: mollieId('re'),
      mode: payment.mode,
      amount,
      status: 'pending',
      createdAt: iso(),
      description: typeof body.description === 'string' ? body.description : '',
      metadata: body.metadata ?? null,
      paymentId: payment.id,
      _links: {
        self: link(`${base}/v2/payments/${payment.id}/refunds/__id__`),
        payment: link(`${base}/v2/payments/${payment.id}`),
        documentation: link('https://docs.mollie.com/reference/create-refund', 'text/html'),
      },
    };
    (refund._links as { self: { href: string } }).self.href =
      `${base}/v2/payments/${payment.id}/refunds/${refund.id}`;
    stored.refunds.push(refund);
    const refunded = minorOf(payment.amountRefunded as MollieAmount) + minor;
    payment.amountRefunded = formatMinor(refunded, paid);
    payment.amountRemaining = formatMinor(remaining - minor, paid);
    return structuredClone(refund);
  }

  async function notify(id: string): Promise<WebhookCall | undefined> {
    const stored = state.payments.get(id);
    const url = stored?.payment.webhookUrl;
    if (typeof url !== 'string') return undefined;
    const body = new URLSearchParams({ id }).toString();
    const call: WebhookCall = { url, body, status: null };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      call.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      call.error = error instanceof Error ? error.message : String(error);
    }
    state.webhookCalls.push(call);
    return call;
  }

  async function settle(id: string, status: MolliePaymentStatus): Promise<StoredPayment> {
    const stored = state.payments.get(id);
    if (!stored) throw new Error(`mollie fake: no payment ${id}`);
    setStatus(stored, status);
    await notify(id);
    return stored;
  }

  async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new MollieHttpError(400, 'Bad Request', 'The request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new MollieHttpError(400, 'Bad Request', 'The request body must be a JSON object');
    }
    return parsed as Record<string, unknown>;
  }

  async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  function send(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/hal+json' });
    response.end(body === undefined ? '' : JSON.stringify(body));
  }

  function sendError(response: ServerResponse, error: MollieHttpError): void {
    send(response, error.status, {
      status: error.status,
      title: error.title,
      detail: error.message,
      ...(error.field ? { field: error.field } : {}),
      _links: { documentation: link(ERROR_DOCS, 'text/html') },
    });
  }

  function checkoutPage(stored: StoredPayment): string {
    const p = stored.payment;
    const amount = p.amount as MollieAmount;
    const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const statuses = ['paid', 'failed', 'canceled', 'expired'];
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mollie test payment</title></head>
<body><main><h1>Test mode</h1><p>${escapeHtml(String(p.description))}: ${escapeHtml(amount.currency)} ${escapeHtml(amount.value)}</p>
<form method="post" action="/checkout/select-method/${p.id}"><fieldset><legend>Select the payment status</legend>
${statuses.map((s, i) => `<label><input type="radio" name="status" value="${s}"${i === 0 ? ' checked' : ''}> ${s}</label>`).join('<br>')}
</fieldset><button type="submit">Continue</button></form></main></body></html>`;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    try {
      const page = /^\/checkout\/select-method\/(tr_[A-Za-z0-9]+)$/.exec(url.pathname);
      if (page?.[1]) {
        const stored = state.payments.get(page[1]);
        if (!stored) {
          response
            .writeHead(404, { 'content-type': 'text/html' })
            .end('<h1>Payment not found</h1>');
          return;
        }
        expireIfDue(stored);
        if (method === 'GET') {
          if (stored.payment.status !== 'open') {
            response.writeHead(303, { location: String(stored.payment.redirectUrl) }).end();
            return;
          }
          response
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(checkoutPage(stored));
          return;
        }
        if (method === 'POST') {
          const form = await readForm(request);
          const status = form.get('status');
          if (
            stored.payment.status === 'open' &&
            status &&
            ['paid', 'failed', 'canceled', 'expired'].includes(status)
          ) {
            await settle(stored.payment.id, status as MolliePaymentStatus);
          }
          const back =
            stored.payment.status === 'canceled' && stored.payment.cancelUrl
              ? stored.payment.cancelUrl
              : stored.payment.redirectUrl;
          response.writeHead(303, { location: String(back) }).end();
          return;
        }
      }

      const route = /^\/v2\/payments(?:\/([^/]+))?(?:\/(refunds))?(?:\/([^/]+))?\/?$/.exec(
        url.pathname,
      );
      if (!route) throw notFound('The requested resource does not exist');
      const acct = account(request);
      const [, paymentId, sub, refundId] = route;
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      const body = method === 'POST' ? await readJson(request) : undefined;
      state.requests.push({ method, path: url.pathname + url.search, body, idempotencyKey });
      for (const key of url.searchParams.keys()) {
        if (!(method === 'GET' && key === 'embed')) {
          throw new MollieHttpError(
            400,
            'Bad Request',
            `The '${key}' query parameter is unknown`,
            key,
          );
        }
      }
      const replayKey = idempotencyKey
        ? `${acct.id}:${method}:${url.pathname}:${idempotencyKey}`
        : undefined;
      if (replayKey && idempotent.has(replayKey)) {
        const replay = idempotent.get(replayKey);
        if (replay) send(response, replay.status, replay.body);
        return;
      }
      let status = 200;
      let out: unknown;
      if (!paymentId && method === 'POST') {
        out = createPayment(acct, body ?? {});
        status = 201;
      } else if (paymentId && !sub && method === 'GET') {
        const embed = url.searchParams.get('embed') ?? '';
        out = view(owned(paymentId, acct), embed.split(',').includes('refunds'));
      } else if (paymentId && !sub && method === 'DELETE') {
        const stored = owned(paymentId, acct);
        if (stored.payment.status !== 'open') {
          throw unprocessable(
            `The payment has status ${stored.payment.status} and cannot be canceled`,
          );
        }
        setStatus(stored, 'canceled');
        out = view(stored);
      } else if (paymentId && sub && !refundId && method === 'POST') {
        out = createRefund(owned(paymentId, acct), body ?? {});
        status = 201;
      } else if (paymentId && sub && !refundId && method === 'GET') {
        const stored = owned(paymentId, acct);
        out = {
          count: stored.refunds.length,
          _embedded: { refunds: stored.refunds.map((r) => structuredClone(r)) },
          _links: {
            self: link(`${base}${url.pathname}`),
            previous: null,
            next: null,
            documentation: link('https://docs.mollie.com/reference/list-refunds', 'text/html'),
          },
        };
      } else if (paymentId && sub && refundId && method === 'GET') {
        const refund = owned(paymentId, acct).refunds.find((r) => r.id === refundId);
        if (!refund) throw notFound(`No refund exists with token ${refundId}.`);
        out = structuredClone(refund);
      } else {
        throw new MollieHttpError(
          405,
          'Method Not Allowed',
          `The method ${method} is not allowed here`,
        );
      }
      if (replayKey) idempotent.set(replayKey, { status, body: out });
      send(response, status, out);
    } catch (error) {
      if (error instanceof MollieHttpError) {
        sendError(response, error);
        return;
      }
      throw error;
    }
  }

  return {
    state,
    baseUrl: () => base,
    now,
    handle,
    settle,
    notify,
    async processRefunds(id) {
      const stored = state.payments.get(id);
      if (!stored) throw new Error(`mollie fake: no payment ${id}`);
      for (const refund of stored.refunds) {
        if (refund.status === 'pending' || refund.status === 'queued') refund.status = 'refunded';
      }
      await notify(id);
      return stored;
    },
    setBaseUrl(url) {
      base = url;
    },
  };
}

/**
 * Mollie's SDK talks HTTPS only (its agent pins Mozilla's CA bundle), so the fake serves TLS with
 * a self-signed certificate for 127.0.0.1 kept beside it; a test process accepts it by turning
 * verification off (`NODE_TLS_REJECT_UNAUTHORIZED=0`), which nothing outside tests ever does.
 */
const certs = join(import.meta.dirname, '..', 'certs');

export function listen(
  core: FakeCore,
  port = 0,
): Promise<{ server: ReturnType<typeof createServer>; port: number }> {
  const tls = {
    key: readFileSync(join(certs, 'localhost-key.pem')),
    cert: readFileSync(join(certs, 'localhost-cert.pem')),
  };
  const server = createServer(tls, (request, response) => {
    core.handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      core.setBaseUrl(`https://127.0.0.1:${bound}`);
      resolve({ server, port: bound });
    });
  });
}

import { randomBytes } from 'node:crypto';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  checkoutPageState,
  createCheckoutSession,
  createMemorySessionStore,
  DEFAULT_FORWARD_TIMEOUT_MS,
  loadAndHydrate,
  loadSession,
  type SessionStore,
  saveSession,
} from '@prood/checkout-host';
import { fulfillmentLog, orders, webhookEvents, webhookRejections } from '@prood/db/schema';
import { startTracing } from '@prood/http/tracing';
import { signSandboxWebhook } from '@prood/provider-factory';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { JOB_QUEUES } from '../jobs/queues';
import { getCheckoutOrderView } from '../services/checkout';
import { serveFetchHandler } from '../testing/http';
import { createPaymentWebhookHandler } from './ingest-webhook';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
  type SandboxTenant,
  sandboxEventBody,
  serveRecordingIngest,
  serveWebhookReceiver,
} from './testing';

/*
 * The provider's view of the whole path: a real sandbox payment queues a real event, the test
 * (playing the provider) signs it with the tenant's Standard-Webhooks secret and posts it to the
 * real checkout receiver over HTTP, which forwards to the real API ingest over HTTP, which
 * writes to the real Postgres.
 */

type Served = Awaited<ReturnType<typeof serveFetchHandler>>;

let h: PaymentsHarness;
let sessions: SessionStore;
let api: Served;
let checkout: Served;
/** Where the checkout app forwards to; tests point it elsewhere to take the API down. */
let commerceApiUrl: string;
/** Every answer the API gave, in order: what reached it and what it decided. */
const apiAnswers: Array<{ status: number; body: Record<string, unknown> }> = [];

function startApi(): Promise<Served> {
  return serveRecordingIngest(h.deps, apiAnswers);
}

/** Spans of the whole file, kept in memory (the OTLP exporter is off in tests). */
const spans = new InMemorySpanExporter();
let stopTracing: (() => Promise<void>) | undefined;

beforeAll(async () => {
  stopTracing = startTracing({ serviceName: 'prood-test', exporter: spans });
  h = await createPaymentsHarness(inject('databaseUrl'));
  sessions = createMemorySessionStore();
  api = await startApi();
  commerceApiUrl = api.url;
  checkout = await serveWebhookReceiver(() => ({
    resolveProvider: h.deps.resolveProvider,
    // the receiver's production budget for the API (4 s), also under a loaded test machine
    forward: { commerceApiUrl, secret: h.checkoutSecret, timeoutMs: DEFAULT_FORWARD_TIMEOUT_MS },
    store: sessions,
  }));
});
afterAll(async () => {
  await stopTracing?.();
  await checkout?.close();
  await api?.close();
  await h?.close();
});

interface PaidScenario {
  tenant: SandboxTenant;
  order: Awaited<ReturnType<typeof createPayableOrder>>;
  checkoutSessionId: string;
  event: { id: string; payload: string };
}

/**
 * A tenant, a PENDING order whose checkout session waits at the payment step, and the sandbox's
 * real `payment.succeeded` event after the shopper paid with 4242.
 */
async function paidScenario(): Promise<PaidScenario> {
  const tenant = await createSandboxTenant(h.db);
  const pending = await createPayableOrder(h.db, tenant.tenantId);
  const { id: checkoutSessionId } = await createCheckoutSession(
    {
      orderId: pending.id,
      amount: pending.total,
      currency: 'EUR',
      tenantId: tenant.tenantId,
      returnUrl: 'https://shop.example/thanks',
      customerInfo: { email: 'ada@example.com' },
      fulfillment: 'digital',
      provider: 'sandbox',
    },
    { store: sessions },
  );
  const session = await loadAndHydrate(
    checkoutSessionId,
    () => h.deps.resolveProvider(tenant.tenantId, 'sandbox'),
    {
      store: sessions,
    },
  );
  session.start().submitInfo({ email: 'ada@example.com' });
  await saveSession(checkoutSessionId, session.toSnapshot(), { store: sessions });
  const [order] = await h.db
    .update(orders)
    .set({ checkoutSessionId })
    .where(eq(orders.id, pending.id))
    .returning();
  if (!order) throw new Error('order vanished');
  await payWithSandboxCard(h, order);
  const succeeded = (await pendingSandboxDeliveries(h, tenant)).find(
    (d) => d.type === 'payment.succeeded',
  );
  if (!succeeded) throw new Error('the sandbox queued no payment.succeeded');
  return {
    tenant,
    order: { ...order, productId: pending.productId },
    checkoutSessionId,
    event: { id: succeeded.id, payload: succeeded.payload },
  };
}

/** What the provider sends: Standard-Webhooks headers only, signed now (a retry re-signs). */
function providerHeaders(
  secret: string,
  event: { id: string; payload: string },
  timestamp = new Date(),
): Headers {
  const headers = new Headers(
    signSandboxWebhook({ secret, id: event.id, timestamp, payload: event.payload }),
  );
  headers.set('content-type', 'application/json');
  return headers;
}

function deliver(tenantId: string, body: string | Uint8Array, headers: Headers) {
  return fetch(`${checkout.url}/api/webhooks/sandbox/${tenantId}`, {
    method: 'POST',
    headers,
    body,
  });
}

async function stored(s: PaidScenario) {
  const [events] = await h.db
    .select({ n: count() })
    .from(webhookEvents)
    .where(eq(webhookEvents.tenantId, s.tenant.tenantId));
  const [order] = await h.db.select().from(orders).where(eq(orders.id, s.order.id));
  const log = await h.db
    .select({ event: fulfillmentLog.event })
    .from(fulfillmentLog)
    .where(
      and(eq(fulfillmentLog.tenantId, s.tenant.tenantId), eq(fulfillmentLog.orderId, s.order.id)),
    );
  const emails = await h.jobs.boss.findJobs(JOB_QUEUES.orderConfirmationEmail, {
    data: { orderId: s.order.id },
  });
  const session = await loadSession(s.checkoutSessionId, { store: sessions });
  return {
    events: events?.n ?? 0,
    order,
    log: log.map((r) => r.event).sort(),
    emails: emails.length,
    session,
  };
}

describe('provider → checkout receiver → API ingest → Postgres', () => {
  it("the provider's expiry reaching the session before its payment: the page shows paid, as the order is (issue 12, defect 7)", async () => {
    const s = await paidScenario();
    const expiry = sandboxEventBody(s.tenant.tenantId, 'checkout.expired', {
      order_id: s.order.id,
      checkout_session_id: s.checkoutSessionId,
      session_id: 'sbx_cs_reordered',
      amount: s.order.total,
      currency: 'EUR',
    });
    for (const event of [expiry, s.event]) {
      const response = await deliver(
        s.tenant.tenantId,
        event.payload,
        providerHeaders(s.tenant.secret, event),
      );
      expect(response.status).toBe(200);
    }
    const after = await stored(s);
    expect(after.order?.status).toBe('PAID');
    // the session saw the expiry last that mattered to it, and stays expired …
    expect(after.session?.state).toBe('expired');
    // … but the page asks the API and shows what the order is
    const view = await getCheckoutOrderView(h.db, {
      tenantId: s.tenant.tenantId,
      orderId: s.order.id,
    });
    expect(checkoutPageState(after.session ?? null, view)).toBe('paid');
    // with the session store down (no snapshot), the same
    expect(checkoutPageState(null, view)).toBe('paid');
  });

  it('50 identical signed deliveries at once: one state change, one log row per effect, one mail job, 49 duplicates acknowledged', async () => {
    const s = await paidScenario();
    const headers = providerHeaders(s.tenant.secret, s.event);
    const answeredBefore = apiAnswers.length;

    const responses = await Promise.all(
      Array.from({ length: 50 }, () => deliver(s.tenant.tenantId, s.event.payload, headers)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const answers = apiAnswers.slice(answeredBefore);
    expect(answers).toHaveLength(50);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(49);
    expect(answers.filter((a) => Array.isArray(a.body.applied))).toHaveLength(1);

    const after = await stored(s);
    expect(after.events).toBe(1);
    expect(after.order).toMatchObject({ status: 'PAID', amountPaid: s.order.total });
    expect(after.log).toEqual(['paid']);
    expect(after.emails).toBe(1);
    expect(after.session?.state).toBe('complete');
  });

  it('API down while the checkout app forwards: the provider sees 5xx, nothing is stored, the redelivery is processed once', async () => {
    const s = await paidScenario();
    await api.close();
    try {
      const refused = await deliver(
        s.tenant.tenantId,
        s.event.payload,
        providerHeaders(s.tenant.secret, s.event),
      );
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'forward_failed',
      );
      const during = await stored(s);
      expect(during).toMatchObject({ events: 0, log: [], emails: 0 });
      expect(during.order).toMatchObject({ status: 'PENDING', amountPaid: 0 });
    } finally {
      // the API comes back (a new instance; the checkout app is pointed at it)
      api = await startApi();
      commerceApiUrl = api.url;
    }

    // providers retry with the same event id and a fresh signature timestamp
    const retried = await Promise.all(
      Array.from({ length: 3 }, () =>
        deliver(s.tenant.tenantId, s.event.payload, providerHeaders(s.tenant.secret, s.event)),
      ),
    );
    expect(retried.map((r) => r.status)).toEqual([200, 200, 200]);
    const after = await stored(s);
    expect(after.events).toBe(1);
    expect(after.order).toMatchObject({ status: 'PAID', amountPaid: s.order.total });
    expect(after.log).toEqual(['paid']);
    expect(after.emails).toBe(1);
    expect(after.session?.state).toBe('complete');
  });

  it('the API stores the event but its answer is lost: 5xx, and the redelivery is a duplicate with no second effect', async () => {
    const s = await paidScenario();
    const ingest = createPaymentWebhookHandler(h.deps);
    const lossy = await serveFetchHandler(async (request) => {
      await ingest(request);
      throw new Error('connection reset after commit');
    });
    commerceApiUrl = lossy.url;
    try {
      const first = await deliver(
        s.tenant.tenantId,
        s.event.payload,
        providerHeaders(s.tenant.secret, s.event),
      );
      expect(first.status).toBe(503);
      expect((await stored(s)).order?.status).toBe('PAID');
    } finally {
      commerceApiUrl = api.url;
      await lossy.close();
    }
    const answeredBefore = apiAnswers.length;
    const again = await deliver(
      s.tenant.tenantId,
      s.event.payload,
      providerHeaders(s.tenant.secret, s.event),
    );
    expect(again.status).toBe(200);
    expect(apiAnswers.slice(answeredBefore)).toEqual([
      { status: 200, body: { received: true, duplicate: true } },
    ]);
    const after = await stored(s);
    expect(after).toMatchObject({ events: 1, log: ['paid'], emails: 1 });
  });

  it('an API that hangs past the forward timeout: 5xx to the provider', async () => {
    const s = await paidScenario();
    const hanging = await serveFetchHandler(() => new Promise<Response>(() => {}));
    commerceApiUrl = hanging.url;
    try {
      const started = Date.now();
      const response = await deliver(
        s.tenant.tenantId,
        s.event.payload,
        providerHeaders(s.tenant.secret, s.event),
      );
      expect(response.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await stored(s)).events).toBe(0);
    } finally {
      commerceApiUrl = api.url;
      await hanging.close();
    }
  });

  describe('forged and tampered events stop at the checkout receiver: 400, nothing forwarded or stored', () => {
    it.each([
      ['forged: signed with a secret that is not the tenant’s', 'forged'],
      ['tampered: one byte of the body changed', 'tampered'],
      ['re-serialized JSON', 'reserialized'],
      ['stale: signed 301 s ago', 'stale'],
      ['future: signed 301 s ahead', 'future'],
      ['signed with another tenant’s secret', 'other-tenant'],
      ['no signature headers', 'unsigned'],
    ] as const)('%s (%s)', async (_label, kind) => {
      const s = await paidScenario();
      let body: string | Uint8Array = s.event.payload;
      let headers = providerHeaders(s.tenant.secret, s.event);
      switch (kind) {
        case 'forged':
          headers = providerHeaders(`whsec_${randomBytes(24).toString('base64')}`, s.event);
          break;
        case 'tampered': {
          const bytes = new TextEncoder().encode(s.event.payload);
          const at = s.event.payload.indexOf(String(s.order.total));
          bytes[at] = (bytes[at] ?? 0) + 1;
          body = bytes;
          break;
        }
        case 'reserialized':
          body = JSON.stringify(JSON.parse(s.event.payload), null, 2);
          break;
        case 'stale':
          headers = providerHeaders(s.tenant.secret, s.event, new Date(Date.now() - 301_000));
          break;
        case 'future':
          headers = providerHeaders(s.tenant.secret, s.event, new Date(Date.now() + 301_000));
          break;
        case 'other-tenant':
          headers = providerHeaders((await createSandboxTenant(h.db)).secret, s.event);
          break;
        case 'unsigned':
          headers = new Headers({ 'content-type': 'application/json' });
          break;
      }
      const answeredBefore = apiAnswers.length;

      const response = await deliver(s.tenant.tenantId, body, headers);

      expect(response.status).toBe(400);
      expect(((await response.json()) as { error?: { code?: string } }).error?.code).toMatch(
        /^webhook_/,
      );
      // only a note of the refusal reached the API (reason and size, never the body): counted
      // for the merchant's provider event log
      expect(apiAnswers.slice(answeredBefore)).toEqual([{ status: 202, body: { recorded: true } }]);
      const refusals = await h.db
        .select()
        .from(webhookRejections)
        .where(eq(webhookRejections.tenantId, s.tenant.tenantId));
      expect(refusals).toMatchObject([
        {
          provider: 'sandbox',
          source: 'checkout',
          reason: expect.stringMatching(/^webhook_/),
          count: 1,
          maxBytes: typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
        },
      ]);
      const after = await stored(s);
      expect(after).toMatchObject({ events: 0, log: [], emails: 0 });
      expect(after.order?.status).toBe('PENDING');
      expect(after.session?.state).toBe('payment');
    });
  });
});

describe('tracing across the chain', () => {
  it('one trace and one request id from the receiver through the forward and the ingest into the job payload', async () => {
    const s = await paidScenario();
    spans.reset();
    const response = await deliver(
      s.tenant.tenantId,
      s.event.payload,
      providerHeaders(s.tenant.secret, s.event),
    );
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^req_/);

    // the processor exports once the SDK's resource detection has settled
    const finished = await vi.waitFor(() => {
      const all = spans.getFinishedSpans();
      if (all.length < 3) throw new Error('not exported yet');
      return all;
    });
    const byName = (name: string) => finished.find((span) => span.name === name);
    const receive = byName('checkout.webhook.receive');
    const forward = byName('checkout.webhook.forward');
    const ingest = byName('api.webhook.ingest');
    if (!receive || !forward || !ingest) throw new Error(`spans: ${finished.map((x) => x.name)}`);
    const traceId = receive.spanContext().traceId;
    expect(forward.spanContext().traceId).toBe(traceId);
    // the API's span continues the forward's: the context crossed HTTP in `traceparent`
    expect(ingest.spanContext().traceId).toBe(traceId);
    expect(ingest.parentSpanContext?.spanId).toBe(forward.spanContext().spanId);
    expect(forward.parentSpanContext?.spanId).toBe(receive.spanContext().spanId);
    expect(ingest.attributes['prood.request_id']).toBe(requestId);
    expect(ingest.attributes['http.response.status_code']).toBe(200);

    // the mail job enqueued in the ingest's transaction carries both on
    const [job] = await h.jobs.boss.findJobs(JOB_QUEUES.orderConfirmationEmail, {
      data: { orderId: s.order.id },
    });
    const meta = (
      job?.data as { meta?: { requestId?: string; trace?: { traceparent?: string } } } | undefined
    )?.meta;
    expect(meta?.requestId).toBe(requestId);
    expect(meta?.trace?.traceparent).toContain(traceId);
  });
});

import { randomBytes } from 'node:crypto';
import type { PaymentProvider, StartPaymentInput } from '@prood/checkout';
import { type ReceiveProviderWebhookOptions, receiveProviderWebhook } from '@prood/checkout-host';
import {
  createDatabase,
  type Database,
  insertApiKey,
  newOrderReference,
  openPaymentAttempt,
  recordProviderSession,
  reservePaymentAttempt,
} from '@prood/db';
import { integrations, orderItems, orders } from '@prood/db/schema';
import { createTestProduct, createTestTenant } from '@prood/db/testing';
import {
  type BuildPaymentProviderContext,
  createDrizzleSandboxStore,
  createTenantProviderResolver,
  generateKeyringEntry,
  parseKeyring,
  type SandboxDelivery,
  type SandboxRuntime,
  sealIntegrationCredentials,
  signSandboxWebhook,
  submitSandboxCard,
} from '@prood/provider-factory';
import { newId, randomBase62 } from '@prood/validators';
import pino from 'pino';
import { createJobs, type Jobs } from '../jobs/create-jobs';
import { serveFetchHandler } from '../testing/http';
import type { WebhookIngestDeps } from './deps';
import { createPaymentWebhookHandler, ingestPaymentWebhook } from './ingest-webhook';

/** Test-only wiring: a real database, real pg-boss, the real sandbox provider with real signing. */
export interface PaymentsHarness {
  db: Database;
  jobs: Jobs;
  deps: WebhookIngestDeps;
  checkoutSecret: string;
  sandbox: SandboxRuntime;
  close(): Promise<void>;
}

/** The keyring every test integration is sealed with. */
export const testKeyring = parseKeyring(generateKeyringEntry('test'));
const keyring = testKeyring;

export async function createPaymentsHarness(
  databaseUrl: string,
  options: {
    jobsSchema?: string;
    /** Where providers send webhooks, and provider API base URLs (fakes), by provider id. */
    providers?: Pick<BuildPaymentProviderContext, 'checkoutBaseUrl' | 'apiBaseUrls'>;
  } = {},
): Promise<PaymentsHarness> {
  const db = createDatabase(databaseUrl, { max: 8 });
  // a test that runs workers uses its own pg-boss schema, so it never consumes other files' jobs
  const jobs = createJobs({
    connectionString: databaseUrl,
    max: 3,
    supervise: false,
    schema: options.jobsSchema ?? 'pgboss',
  });
  await jobs.start();
  const sandbox: SandboxRuntime = {
    store: createDrizzleSandboxStore(db),
    checkoutBaseUrl: 'http://localhost:3004',
  };
  const checkoutSecret = randomBytes(24).toString('hex');
  const deps: WebhookIngestDeps = {
    db,
    jobs: jobs.enqueuer,
    logger: pino({ level: 'silent' }),
    checkoutSecret,
    // the app's own resolver, provider cache included
    resolveProvider: createTenantProviderResolver(db, { ...options.providers, keyring, sandbox }),
  };
  return {
    db,
    jobs,
    deps,
    checkoutSecret,
    sandbox,
    async close() {
      await jobs.stop();
      await db.$client.end();
    },
  };
}

/** Stores a provider integration for the tenant, sealed with the harness's keyring. */
export async function connectTestIntegration(
  db: Database,
  input: Parameters<typeof sealIntegrationCredentials>[1],
): Promise<void> {
  const sealed = sealIntegrationCredentials(keyring, input);
  await db.insert(integrations).values({
    id: newId('integration'),
    tenantId: input.tenantId,
    provider: input.provider,
    ...sealed,
  });
}

export interface SandboxTenant {
  tenantId: string;
  secret: string;
  apiKey: string;
}

/** A tenant with a connected sandbox integration (its own webhook secret) and an API key. */
export async function createSandboxTenant(db: Database): Promise<SandboxTenant> {
  const tenant = await createTestTenant(db);
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const sealed = sealIntegrationCredentials(keyring, {
    tenantId: tenant.id,
    provider: 'sandbox',
    credentials: { webhookSecret: secret },
  });
  await db.insert(integrations).values({
    id: newId('integration'),
    tenantId: tenant.id,
    provider: 'sandbox',
    ...sealed,
  });
  const { secret: apiKey } = await insertApiKey(db, {
    tenantId: tenant.id,
    name: 'test',
    mode: 'test',
  });
  return { tenantId: tenant.id, secret, apiKey };
}

/** A PENDING order with one line, on the sandbox, with a checkout session of attempt 1. */
export async function createPayableOrder(
  db: Database,
  tenantId: string,
  options: {
    unitAmount?: number;
    quantity?: number;
    stock?: number;
    fulfillment?: 'digital' | 'shipping' | 'pickup' | 'local_delivery';
  } = {},
) {
  const unitAmount = options.unitAmount ?? 500;
  const quantity = options.quantity ?? 2;
  const total = unitAmount * quantity;
  const { productId, price } = await createTestProduct(db, {
    tenantId,
    unitAmount,
    ...(options.stock === undefined ? {} : { stock: options.stock }),
  });
  const [order] = await db
    .insert(orders)
    .values({
      id: newId('order'),
      tenantId,
      reference: newOrderReference(),
      currency: 'EUR',
      subtotal: total,
      total,
      customer: { name: 'Ada Shopper', email: 'ada@example.com' },
      customerEmail: 'ada@example.com',
      fulfillment: options.fulfillment ?? 'digital',
      checkoutSessionId: newId('checkoutSession'),
      provider: 'sandbox',
      attempt: 1,
    })
    .returning();
  if (!order) throw new Error('order insert returned no row');
  // attempt 1 as checkout start leaves it: reserved, then opened with its session
  const attempt = await reservePaymentAttempt(db, {
    tenantId,
    orderId: order.id,
    attempt: 1,
    provider: 'sandbox',
  });
  if (!attempt) throw new Error('attempt reservation returned no row');
  await openPaymentAttempt(db, {
    tenantId,
    attemptId: attempt.id,
    checkoutSessionId: order.checkoutSessionId ?? '',
    provider: 'sandbox',
  });
  await db.insert(orderItems).values({
    id: newId('orderItem'),
    tenantId,
    orderId: order.id,
    productId,
    priceId: price.id,
    title: 'Test item',
    unitAmount,
    quantity,
    lineSubtotal: total,
    lineTotal: total,
  });
  return { ...order, productId };
}

export type SandboxEventType =
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.processing'
  | 'checkout.expired'
  | 'refund.succeeded';

/** A sandbox event body as the sandbox itself would send it, for an order. */
export function sandboxEventBody(
  tenantId: string,
  type: SandboxEventType,
  data: Record<string, unknown>,
  id = `evt_sbx_${randomBase62(24)}`,
): { id: string; payload: string } {
  const payload = JSON.stringify({
    id,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    tenant_id: tenantId,
    data,
  });
  return { id, payload };
}

/** Standard-Webhooks signature headers plus the checkout app's forwarding headers. */
export function forwardedHeaders(input: {
  secret: string;
  checkoutSecret: string | null;
  id: string;
  payload: string;
  timestamp?: Date;
}): Headers {
  const headers = new Headers(
    signSandboxWebhook({
      secret: input.secret,
      id: input.id,
      timestamp: input.timestamp ?? new Date(),
      payload: input.payload,
    }),
  );
  headers.set('content-type', 'application/json');
  headers.set('x-provider-event-id', input.id);
  if (input.checkoutSecret !== null) headers.set('x-checkout-secret', input.checkoutSecret);
  return headers;
}

/** Builds the tenant's real provider, as the app would. */
export function providerFor(harness: PaymentsHarness, tenantId: string): Promise<PaymentProvider> {
  return harness.deps.resolveProvider(tenantId, 'sandbox');
}

type PayableOrder = {
  id: string;
  tenantId: string;
  total: number;
  checkoutSessionId: string | null;
};

/** The first payment attempt of a test order, as the checkout app would start it. */
export function startInputForOrder(order: PayableOrder): StartPaymentInput {
  return {
    tenantId: order.tenantId,
    checkoutSessionId: order.checkoutSessionId ?? '',
    orderId: order.id,
    attempt: 1,
    amount: order.total,
    currency: 'EUR',
    mode: 'payment',
    lineItems: [{ name: 'Test item', unitAmount: order.total, quantity: 1 }],
    successUrl: 'http://localhost:3004/c/done',
    cancelUrl: 'http://localhost:3004/c/cancel',
    expiresAt: new Date(Date.now() + 30 * 60_000),
  };
}

export type IngestAnswer = { status: number; body: Record<string, unknown> };

/**
 * The API's webhook ingest on a real HTTP server, appending every answer it gave (what reached
 * it and what it decided) to `answers`, in order.
 */
export async function serveRecordingIngest(deps: WebhookIngestDeps, answers: IngestAnswer[] = []) {
  const ingest = createPaymentWebhookHandler(deps);
  const served = await serveFetchHandler(async (request) => {
    const response = await ingest(request);
    answers.push({
      status: response.status,
      body: (await response.clone().json()) as Record<string, unknown>,
    });
    return response;
  });
  return { ...served, answers };
}

/**
 * The checkout app's `/api/webhooks/{provider}/{org}` route on a real HTTP server, wired as the
 * Next.js app wires it. `options` is read per request, so a test can move the API or the store.
 */
export function serveWebhookReceiver(options: () => ReceiveProviderWebhookOptions) {
  return serveFetchHandler(async (request) => {
    const match = new URL(request.url).pathname.match(/^\/api\/webhooks\/([^/]+)\/([^/]+)$/);
    if (!match?.[1] || !match[2]) return new Response(null, { status: 404 });
    return receiveProviderWebhook({ provider: match[1], orgId: match[2], request }, options());
  });
}

/** Starts a real sandbox payment for the order (the shopper pressed Pay); returns its session. */
export async function startSandboxPayment(
  harness: PaymentsHarness,
  order: PayableOrder,
): Promise<{ providerSessionId: string }> {
  const provider = await providerFor(harness, order.tenantId);
  const start = await provider.startPayment(startInputForOrder(order));
  if (start.kind !== 'redirect') throw new Error('expected a sandbox redirect');
  // what the checkout app reports before it sends the shopper to pay
  if (order.checkoutSessionId) {
    await recordProviderSession(harness.db, {
      tenantId: order.tenantId,
      checkoutSessionId: order.checkoutSessionId,
      provider: 'sandbox',
      providerSessionId: start.providerSessionId,
    });
  }
  return { providerSessionId: start.providerSessionId };
}

/** Starts a real sandbox payment for the order and pays it with a test card. */
export async function payWithSandboxCard(
  harness: PaymentsHarness,
  order: PayableOrder,
  cardNumber = '4242 4242 4242 4242',
): Promise<{ providerSessionId: string }> {
  const { providerSessionId } = await startSandboxPayment(harness, order);
  await submitSandboxCard(harness.sandbox, {
    tenantId: order.tenantId,
    sandboxSessionId: providerSessionId,
    cardNumber,
  });
  return { providerSessionId };
}

/** Signs a sandbox event with the tenant's secret and ingests it as the checkout app forwards it. */
export function ingestSandboxEvent(
  harness: PaymentsHarness,
  tenant: SandboxTenant,
  type: SandboxEventType,
  data: Record<string, unknown>,
) {
  const { id, payload } = sandboxEventBody(tenant.tenantId, type, data);
  return ingestPaymentWebhook(harness.deps, {
    provider: 'sandbox',
    orgId: tenant.tenantId,
    rawBody: payload,
    headers: forwardedHeaders({
      secret: tenant.secret,
      checkoutSecret: harness.checkoutSecret,
      id,
      payload,
    }),
  });
}

/** The sandbox's queued (not yet delivered) webhooks for a tenant, as it would sign and send them. */
export async function pendingSandboxDeliveries(
  harness: PaymentsHarness,
  tenant: SandboxTenant,
): Promise<Array<{ id: string; type: string; payload: string; headers: () => Headers }>> {
  const records = await harness.sandbox.store.find<SandboxDelivery>('delivery', {
    tenantId: tenant.tenantId,
    match: { status: 'pending' },
    limit: 1000,
  });
  return records.map((record) => ({
    id: record.data.eventId,
    type: record.data.eventType,
    payload: record.data.payload,
    headers: () =>
      forwardedHeaders({
        secret: tenant.secret,
        checkoutSecret: harness.checkoutSecret,
        id: record.data.eventId,
        payload: record.data.payload,
      }),
  }));
}

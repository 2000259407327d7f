import { randomBytes } from 'node:crypto';
import {
  canRefund,
  isProviderError,
  type NormalizedPaymentEvent,
  type PaymentProvider,
  type StartPaymentInput,
  type StartPaymentResult,
  type WebhookRequest,
} from '@prood/checkout';
import {
  type MollieFake,
  mollieTestKey,
  startMollieFake,
  trustMollieFakeCertificate,
} from '@prood/mollie-fake';
import { type StripeFake, signStripeEvent, startStripeFake } from '@prood/stripe-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPaymentProvider } from './build-payment-provider';
import { parseKeyring } from './credentials';
import { sealIntegrationCredentials } from './integration-credentials';
import { type ProviderId, providerDefinition } from './registry';
import type { SandboxDelivery } from './sandbox/model';
import { submitSandboxCard } from './sandbox/page';
import type { SandboxRuntime } from './sandbox/runtime';
import { signSandboxWebhook } from './sandbox/signing';
import { createMemorySandboxStore } from './sandbox/store';
import { SANDBOX_CARD_DECLINED, SANDBOX_CARD_SUCCEEDS } from './sandbox/test-cards';
import { startPaymentInput } from './testing/start-payment-input';

/*
 * One contract, every provider: each runs through the registry (sealed credentials, built by
 * buildPaymentProvider) against its real backend in tests — the sandbox's own store, the real
 * Stripe SDK against tooling/stripe-fake, the real Mollie SDK against tooling/mollie-fake.
 * A harness only plays the outside world: the shopper paying or failing, and the webhook the
 * provider would send.
 */

const keyring = parseKeyring(`k1:${randomBytes(32).toString('base64')}`);

interface ContractHarness {
  id: ProviderId;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Fresh credentials of one account, as a merchant would paste them. */
  credentials(): Record<string, string>;
  /** The runtime/API options this provider needs to reach its backend. */
  context(): Parameters<typeof buildPaymentProvider>[1];
  /** The shopper pays (or fails) on the provider's page; returns the webhook it sends. */
  settle(start: StartPaymentResult, outcome: 'paid' | 'failed'): Promise<WebhookRequestParts>;
  /** The provider's webhook after a refund of the payment. */
  refundWebhook(providerPaymentId: string): Promise<WebhookRequestParts>;
  /** The id the provider's refunds take (its PaymentIntent, payment…), from a paid start. */
  paymentIdOf(start: StartPaymentResult, events: NormalizedPaymentEvent[]): string;
  /** A forged variant of a genuine webhook: changed bytes, same headers. */
  tamper(webhook: WebhookRequestParts): WebhookRequestParts;
}

type WebhookRequestParts = Omit<WebhookRequest, 'tenantId'>;

function sandboxHarness(): ContractHarness {
  const store = createMemorySandboxStore();
  const runtime: SandboxRuntime = { store, checkoutBaseUrl: 'http://localhost:3004/' };
  // the provider under test is built last, so the latest secret is its tenant's
  let lastSecret = '';
  async function nextWebhook(): Promise<WebhookRequestParts> {
    const pending = await store.find<SandboxDelivery>('delivery', {
      match: { status: 'pending' },
      limit: 1000,
    });
    const record = pending.at(-1);
    if (!record) throw new Error('the sandbox queued no webhook');
    for (const r of pending) await store.update('delivery', r, { ...r.data, status: 'delivered' });
    return {
      rawBody: record.data.payload,
      headers: signSandboxWebhook({
        secret: lastSecret,
        id: record.data.eventId,
        timestamp: new Date(),
        payload: record.data.payload,
      }),
    };
  }
  return {
    id: 'sandbox',
    start: async () => {},
    stop: async () => {},
    credentials: () => {
      lastSecret = `whsec_${randomBytes(24).toString('base64')}`;
      return { webhookSecret: lastSecret };
    },
    context: () => ({ keyring, sandbox: runtime }),
    async settle(start, outcome) {
      if (start.kind !== 'redirect') throw new Error('expected a redirect');
      await submitSandboxCard(runtime, {
        sandboxSessionId: start.providerSessionId,
        cardNumber: outcome === 'paid' ? SANDBOX_CARD_SUCCEEDS : SANDBOX_CARD_DECLINED,
      });
      return nextWebhook();
    },
    refundWebhook: () => nextWebhook(),
    paymentIdOf: (_start, events) => events[0]?.providerPaymentId ?? '',
    tamper: (webhook) => ({
      ...webhook,
      rawBody: String(webhook.rawBody).replace(/"amount":(\d+)/, '"amount":1'),
    }),
  };
}

function stripeHarness(): ContractHarness {
  let fake: StripeFake;
  let webhookSecret = '';
  const sign = (event: Parameters<typeof signStripeEvent>[0]): WebhookRequestParts => {
    const { payload, header } = signStripeEvent(event, webhookSecret);
    return { rawBody: payload, headers: { 'stripe-signature': header } };
  };
  return {
    id: 'stripe',
    async start() {
      fake = await startStripeFake();
    },
    stop: () => fake.close(),
    credentials: () => {
      webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
      return {
        secretKey: `sk_test_${randomBytes(12).toString('hex')}`,
        publishableKey: `pk_test_${randomBytes(12).toString('hex')}`,
        webhookSecret,
      };
    },
    context: () => ({
      keyring,
      apiBaseUrls: { stripe: fake.url },
      stripe: { maxNetworkRetries: 0 },
    }),
    async settle(start, outcome) {
      if (start.kind !== 'redirect') throw new Error('expected a redirect');
      if (outcome === 'paid')
        return sign(fake.completeCheckoutSession(start.providerSessionId).event);
      fake.completeCheckoutSession(start.providerSessionId, { outcome: 'async' });
      return sign(fake.settleAsyncPayment(start.providerSessionId, 'failed').event);
    },
    async refundWebhook(paymentIntentId) {
      const intent = fake.state.paymentIntents.get(paymentIntentId);
      const charge = fake.state.charges.get(String(intent?.latest_charge));
      if (!charge) throw new Error('no charge to refund');
      return sign(fake.createEvent('charge.refunded', charge));
    },
    paymentIdOf: (_start, events) => events[0]?.providerPaymentId ?? '',
    tamper: (webhook) => ({
      ...webhook,
      rawBody: String(webhook.rawBody).replace(/"amount_total": \d+/, '"amount_total": 1'),
    }),
  };
}

function mollieHarness(): ContractHarness {
  let fake: MollieFake;
  const webhook = (id: string): WebhookRequestParts => ({
    rawBody: `id=${id}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return {
    id: 'mollie',
    async start() {
      trustMollieFakeCertificate();
      fake = await startMollieFake();
    },
    stop: () => fake.close(),
    credentials: () => ({ apiKey: mollieTestKey() }),
    // no checkoutBaseUrl: the fake then has no webhook URL to call; the test plays Mollie
    context: () => ({ keyring, apiBaseUrls: { mollie: fake.apiEndpoint } }),
    async settle(start, outcome) {
      if (start.kind !== 'redirect') throw new Error('expected a redirect');
      await fake.setPaymentStatus(start.providerSessionId, outcome);
      return webhook(start.providerSessionId);
    },
    async refundWebhook(id) {
      await fake.processRefunds(id);
      return webhook(id);
    },
    paymentIdOf: (start) => (start.kind === 'redirect' ? start.providerSessionId : ''),
    // fetch-back: the only thing to forge is the id; another one is not this account's
    tamper: () => webhook('tr_forged0000'),
  };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; retryable: boolean }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return { code: error.code, retryable: error.retryable };
}

describe.each([sandboxHarness(), stripeHarness(), mollieHarness()])(
  'provider contract: $id',
  (harness) => {
    const tenantId = `org_${randomBytes(10).toString('hex')}`;
    const otherTenantId = `org_${randomBytes(10).toString('hex')}`;
    let provider: PaymentProvider;
    let other: PaymentProvider;

    function build(tenant: string): PaymentProvider {
      const sealed = sealIntegrationCredentials(keyring, {
        tenantId: tenant,
        provider: harness.id,
        credentials: harness.credentials() as never,
      });
      return buildPaymentProvider(
        { tenantId: tenant, provider: harness.id, enabled: true, ...sealed },
        harness.context(),
      );
    }

    const input = (overrides: Partial<StartPaymentInput> = {}) =>
      startPaymentInput(tenantId, overrides);
    const parse = (p: PaymentProvider, webhook: WebhookRequestParts, tenant = tenantId) =>
      p.parseWebhook({ ...webhook, tenantId: tenant });

    async function paid() {
      const order = input();
      const start = await provider.startPayment(order);
      const webhook = await harness.settle(start, 'paid');
      const parsed = await parse(provider, webhook);
      return { order, start, webhook, parsed };
    }

    beforeAll(async () => {
      await harness.start();
      // the other tenant is built first: harnesses remember the latest credentials
      other = build(otherTenantId);
      provider = build(tenantId);
    });
    afterAll(() => harness.stop());

    it('declares what it can do, and the registry entry agrees with the provider', () => {
      expect(provider.id).toBe(harness.id);
      expect(provider.mode).toBe('test');
      expect(canRefund(provider)).toBe(
        providerDefinition(harness.id).capabilities.includes('refund'),
      );
    });

    it('create: starts a hosted payment for the order’s amount, open and unpaid', async () => {
      const order = input();
      const start = await provider.startPayment(order);
      expect(start.kind).toBe('redirect');
      if (start.kind !== 'redirect') return;
      expect(URL.canParse(start.redirectUrl)).toBe(true);
      const status = await provider.retrievePayment({ providerSessionId: start.providerSessionId });
      expect(status).toMatchObject({
        status: 'open',
        paymentStatus: 'unpaid',
        amount: 4980,
        currency: 'EUR',
      });
      // another tenant's provider cannot see it
      expect(
        (await refusal(other.retrievePayment({ providerSessionId: start.providerSessionId })))
          .retryable,
      ).toBe(false);
    });

    it('pay: the webhook verifies and means payment.succeeded for our order and amount', async () => {
      const { order, start, parsed } = await paid();
      const succeeded = parsed.events.find((e) => e.type === 'payment.succeeded');
      expect(succeeded).toMatchObject({
        tenantId,
        provider: harness.id,
        orderId: order.orderId,
        amount: 4980,
        currency: 'EUR',
      });
      if (start.kind !== 'redirect') return;
      const status = await provider.retrievePayment({ providerSessionId: start.providerSessionId });
      expect(status).toMatchObject({ status: 'complete', paymentStatus: 'paid', amount: 4980 });
    });

    it('fail: a declined payment is payment.failed, and nothing is paid', async () => {
      const order = input();
      const start = await provider.startPayment(order);
      const parsed = await parse(provider, await harness.settle(start, 'failed'));
      expect(parsed.events.map((e) => e.type)).toContain('payment.failed');
      expect(parsed.events.some((e) => e.type === 'payment.succeeded')).toBe(false);
      expect(parsed.events[0]?.orderId).toBe(order.orderId);
      if (start.kind !== 'redirect') return;
      const status = await provider.retrievePayment({ providerSessionId: start.providerSessionId });
      expect(status.paymentStatus).toBe('unpaid');
    });

    it('refund: partial then the rest, never more than was paid; the webhook says refund.succeeded', async () => {
      const refunder = provider;
      if (!canRefund(refunder)) throw new Error('every provider here refunds');
      const { order, start, parsed } = await paid();
      const providerPaymentId = harness.paymentIdOf(start, parsed.events);
      const refund = (amount: number, key: string) =>
        refunder.refund({
          providerPaymentId,
          amount,
          currency: 'EUR',
          idempotencyKey: `refund:${order.orderId}:${key}`,
          orderId: order.orderId,
          tenantId,
        });
      const partial = await refund(980, '1');
      expect(partial).toMatchObject({ amount: 980, currency: 'EUR' });
      expect(['pending', 'succeeded']).toContain(partial.status);
      expect((await refusal(refund(4001, '2'))).retryable).toBe(false);
      expect((await refund(4000, '3')).amount).toBe(4000);
      const refunded = await parse(provider, await harness.refundWebhook(providerPaymentId));
      const event = refunded.events.find((e) => e.type === 'refund.succeeded');
      expect(event).toMatchObject({ orderId: order.orderId, amountRefundedTotal: 4980 });
    });

    it('webhook verify: another tenant’s provider refuses the webhook, with a 4xx kind of error', async () => {
      const { webhook } = await paid();
      const refused = await refusal(parse(other, webhook, otherTenantId));
      expect(refused.retryable).toBe(false);
      // the right provider named with the wrong tenant is refused too
      expect((await refusal(parse(provider, webhook, otherTenantId))).retryable).toBe(false);
    });

    it('duplicate: the same webhook twice is the same event (one dedupe key)', async () => {
      const { webhook, parsed } = await paid();
      const again = await parse(provider, webhook);
      expect(again.eventId).toBe(parsed.eventId);
      expect(again.events.map((e) => e.type)).toEqual(parsed.events.map((e) => e.type));
    });

    it('tamper: changed bytes (or a forged id) are refused, never parsed as an event', async () => {
      const { webhook } = await paid();
      const refused = await refusal(parse(provider, harness.tamper(webhook)));
      expect(refused.retryable).toBe(false);
      expect(refused.code).toMatch(/signature|not_found|payload/);
    });
  },
);

import { randomBytes } from 'node:crypto';
import {
  canExpire,
  canManageCustomers,
  canManageSubscriptions,
  canOpenBillingPortal,
  canRefund,
  isProviderError,
  type ProviderErrorCode,
  type StartPaymentInput,
} from '@prood/checkout';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  completeSandboxAuthentication,
  getSandboxCheckout,
  settleDueSandboxPayments,
  submitSandboxCard,
} from './page';
import { createSandboxProvider, type SandboxPaymentProvider } from './provider';
import type { SandboxRuntime } from './runtime';
import { createMemorySandboxStore, type SandboxStore } from './store';
import {
  SANDBOX_CARD_ASYNC,
  SANDBOX_CARD_DECLINED,
  SANDBOX_CARD_INSUFFICIENT_FUNDS,
  SANDBOX_CARD_REQUIRES_ACTION,
  SANDBOX_CARD_SUCCEEDS,
} from './test-cards';
import { drainSandboxEvents } from './testing';

const tenantId = 'org_sandboxTenant000000001';
const secret = `whsec_${randomBytes(24).toString('base64')}`;

async function expectProviderError(promise: Promise<unknown>, code: ProviderErrorCode) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isProviderError(error), `expected ProviderError ${code}`).toBe(true);
  if (isProviderError(error)) expect(error.code).toBe(code);
}

function startInput(overrides: Partial<StartPaymentInput> = {}): StartPaymentInput {
  return {
    tenantId,
    checkoutSessionId: 'cs_ourSession0000000000001',
    orderId: `ord_${randomBytes(8).toString('hex')}`,
    attempt: 1,
    amount: 4980,
    currency: 'EUR',
    mode: 'payment',
    lineItems: [{ name: 'House Blend, 1 kg', unitAmount: 2490, quantity: 2 }],
    successUrl: 'http://localhost:3004/c/cs_ourSession0000000000001/success',
    cancelUrl: 'http://localhost:3004/c/cs_ourSession0000000000001',
    expiresAt: new Date(Date.now() + 30 * 60_000),
    ...overrides,
  };
}

describe('sandbox provider', () => {
  let store: SandboxStore;
  let clock: Date;
  let runtime: SandboxRuntime;
  let provider: SandboxPaymentProvider;
  const drain = () => drainSandboxEvents(store, provider, { tenantId, secret });

  beforeEach(() => {
    store = createMemorySandboxStore();
    clock = new Date();
    runtime = {
      store,
      checkoutBaseUrl: 'http://localhost:3004/',
      asyncSettleDelayMs: 5_000,
      now: () => clock,
    };
    provider = createSandboxProvider({ tenantId, credentials: { webhookSecret: secret }, runtime });
  });

  it('is test mode and offers refunds, expiry, customers and subscriptions', () => {
    expect(provider.id).toBe('sandbox');
    expect(provider.mode).toBe('test');
    expect(canRefund(provider)).toBe(true);
    expect(canExpire(provider)).toBe(true);
    expect(canManageCustomers(provider)).toBe(true);
    expect(canManageSubscriptions(provider)).toBe(true);
    expect(canOpenBillingPortal(provider)).toBe(false);
  });

  it('starts a payment on the checkout app’s sandbox page, idempotent per order and attempt', async () => {
    const input = startInput();
    const first = await provider.startPayment(input);
    const again = await provider.startPayment(input);
    const retry = await provider.startPayment({ ...input, attempt: 2 });
    expect(first.kind).toBe('redirect');
    if (first.kind !== 'redirect' || again.kind !== 'redirect' || retry.kind !== 'redirect') return;
    expect(first.redirectUrl).toBe(`http://localhost:3004/sandbox/pay/${first.providerSessionId}`);
    expect(first.providerSessionId).toMatch(/^sbx_cs_[0-9A-Za-z]{24}$/);
    expect(again.providerSessionId).toBe(first.providerSessionId);
    expect(retry.providerSessionId).not.toBe(first.providerSessionId);
    const view = await getSandboxCheckout(runtime, { sandboxSessionId: first.providerSessionId });
    expect(view).toMatchObject({
      mode: 'test',
      status: 'open',
      paymentStatus: 'unpaid',
      amount: 4980,
      currency: 'EUR',
      orderId: input.orderId,
    });
  });

  it('4242 4242 4242 4242 succeeds: payment.succeeded, session complete and paid', async () => {
    const input = startInput();
    const start = await provider.startPayment(input);
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const result = await submitSandboxCard(runtime, {
      tenantId,
      sandboxSessionId: start.providerSessionId,
      cardNumber: '4242 4242 4242 4242',
    });
    expect(result.outcome).toBe('succeeded');
    expect(result.redirectUrl).toBe(input.successUrl);
    const events = await drain();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'payment.succeeded',
        tenantId,
        provider: 'sandbox',
        orderId: input.orderId,
        checkoutSessionId: input.checkoutSessionId,
        providerSessionId: start.providerSessionId,
        providerPaymentId: result.paymentId,
        amount: 4980,
        currency: 'EUR',
      }),
    ]);
    expect(events[0]?.providerEventId).toMatch(/^evt_sbx_/);
    const status = await provider.retrievePayment({ providerSessionId: start.providerSessionId });
    expect(status).toMatchObject({ status: 'complete', paymentStatus: 'paid', processing: false });
    // a paid session takes no second card
    await expectProviderError(
      submitSandboxCard(runtime, {
        sandboxSessionId: start.providerSessionId,
        cardNumber: SANDBOX_CARD_SUCCEEDS,
      }),
      'invalid_request',
    );
  });

  it.each([
    [SANDBOX_CARD_DECLINED, 'declined', 'card_declined'],
    [SANDBOX_CARD_INSUFFICIENT_FUNDS, 'insufficient_funds', 'insufficient_funds'],
  ] as const)(
    '%s fails with %s and leaves the checkout open for another card',
    async (card, outcome, code) => {
      const start = await provider.startPayment(startInput());
      if (start.kind !== 'redirect') throw new Error('expected a redirect');
      const result = await submitSandboxCard(runtime, {
        sandboxSessionId: start.providerSessionId,
        cardNumber: card,
      });
      expect(result).toMatchObject({ outcome, failureCode: code });
      expect(result.redirectUrl).toBeUndefined();
      expect(await drain()).toEqual([
        expect.objectContaining({
          type: 'payment.failed',
          failureCode: code,
          providerPaymentId: result.paymentId,
        }),
      ]);
      expect(
        await provider.retrievePayment({ providerSessionId: start.providerSessionId }),
      ).toMatchObject({
        status: 'open',
        paymentStatus: 'unpaid',
      });
      const retry = await submitSandboxCard(runtime, {
        sandboxSessionId: start.providerSessionId,
        cardNumber: SANDBOX_CARD_SUCCEEDS,
      });
      expect(retry.outcome).toBe('succeeded');
      expect((await drain()).map((event) => event.type)).toEqual(['payment.succeeded']);
    },
  );

  it('4000 0027 6000 3184 requires authentication; approving pays, failing declines', async () => {
    const start = await provider.startPayment(startInput());
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const sandboxSessionId = start.providerSessionId;
    const pending = await submitSandboxCard(runtime, {
      sandboxSessionId,
      cardNumber: SANDBOX_CARD_REQUIRES_ACTION,
    });
    expect(pending.outcome).toBe('requires_action');
    expect(await drain()).toEqual([expect.objectContaining({ type: 'payment.requires_action' })]);
    expect(await provider.retrievePayment({ providerPaymentId: pending.paymentId })).toMatchObject({
      status: 'open',
      requiresAction: true,
    });
    // another card cannot jump the pending authentication
    await expectProviderError(
      submitSandboxCard(runtime, { sandboxSessionId, cardNumber: SANDBOX_CARD_SUCCEEDS }),
      'invalid_request',
    );

    const failed = await completeSandboxAuthentication(runtime, {
      sandboxSessionId,
      approve: false,
    });
    expect(failed).toMatchObject({
      outcome: 'declined',
      failureCode: 'payment_intent_authentication_failure',
    });
    expect(await drain()).toEqual([
      expect.objectContaining({
        type: 'payment.failed',
        failureCode: 'payment_intent_authentication_failure',
      }),
    ]);

    await submitSandboxCard(runtime, {
      sandboxSessionId,
      cardNumber: SANDBOX_CARD_REQUIRES_ACTION,
    });
    const approved = await completeSandboxAuthentication(runtime, {
      sandboxSessionId,
      approve: true,
    });
    expect(approved.outcome).toBe('succeeded');
    expect((await drain()).map((event) => event.type)).toEqual([
      'payment.requires_action',
      'payment.succeeded',
    ]);
    await expectProviderError(
      completeSandboxAuthentication(runtime, { sandboxSessionId, approve: true }),
      'invalid_request',
    );
  });

  it('4000 0000 0000 0077 is processing, then succeeds once its delay has passed', async () => {
    const start = await provider.startPayment(startInput());
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const result = await submitSandboxCard(runtime, {
      sandboxSessionId: start.providerSessionId,
      cardNumber: SANDBOX_CARD_ASYNC,
    });
    expect(result.outcome).toBe('processing');
    expect(await drain()).toEqual([expect.objectContaining({ type: 'payment.processing' })]);
    expect(
      await provider.retrievePayment({ providerSessionId: start.providerSessionId }),
    ).toMatchObject({
      status: 'complete',
      paymentStatus: 'unpaid',
      processing: true,
    });
    expect(await settleDueSandboxPayments(runtime)).toBe(0);
    clock = new Date(clock.getTime() + 5_000);
    expect(await settleDueSandboxPayments(runtime)).toBe(1);
    expect(await settleDueSandboxPayments(runtime)).toBe(0);
    expect(await drain()).toEqual([
      expect.objectContaining({ type: 'payment.succeeded', providerPaymentId: result.paymentId }),
    ]);
    expect(
      await provider.retrievePayment({ providerSessionId: start.providerSessionId }),
    ).toMatchObject({
      paymentStatus: 'paid',
      processing: false,
    });
  });

  it('refuses cards that are not sandbox test cards', async () => {
    const start = await provider.startPayment(startInput());
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await expectProviderError(
      submitSandboxCard(runtime, {
        sandboxSessionId: start.providerSessionId,
        cardNumber: '5555 5555 5555 4444',
      }),
      'invalid_request',
    );
    await expectProviderError(
      submitSandboxCard(runtime, {
        sandboxSessionId: 'sbx_cs_nope',
        cardNumber: SANDBOX_CARD_SUCCEEDS,
      }),
      'not_found',
    );
  });

  it('refunds fully or partly, once per idempotency key, never beyond what was paid', async () => {
    const input = startInput();
    const start = await provider.startPayment(input);
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const paid = await submitSandboxCard(runtime, {
      sandboxSessionId: start.providerSessionId,
      cardNumber: SANDBOX_CARD_SUCCEEDS,
    });
    await drain();
    const refund = (amount: number, key: string) =>
      provider.refund({
        providerPaymentId: paid.paymentId,
        amount,
        currency: 'EUR',
        idempotencyKey: key,
        orderId: input.orderId,
        tenantId,
      });
    const first = await refund(1000, 'refund:1');
    expect(first).toMatchObject({ status: 'succeeded', amount: 1000, currency: 'EUR' });
    expect(await refund(1000, 'refund:1')).toEqual(first);
    await expectProviderError(refund(2000, 'refund:1'), 'invalid_request');
    await expectProviderError(refund(4000, 'refund:2'), 'invalid_request');
    await refund(3980, 'refund:3');
    expect(await drain()).toEqual([
      expect.objectContaining({
        type: 'refund.succeeded',
        amount: 1000,
        amountRefundedTotal: 1000,
        providerRefundId: first.providerRefundId,
      }),
      expect.objectContaining({
        type: 'refund.succeeded',
        amount: 3980,
        amountRefundedTotal: 4980,
        orderId: input.orderId,
      }),
    ]);
    await expectProviderError(refund(1, 'refund:4'), 'invalid_request');
  });

  it('expires a session on request and on time, with checkout.expired', async () => {
    const a = await provider.startPayment(startInput());
    const b = await provider.startPayment(
      startInput({ expiresAt: new Date(clock.getTime() + 60_000) }),
    );
    if (a.kind !== 'redirect' || b.kind !== 'redirect') throw new Error('expected redirects');
    await provider.expireSession(a.providerSessionId);
    await provider.expireSession(a.providerSessionId);
    clock = new Date(clock.getTime() + 61_000);
    const view = await getSandboxCheckout(runtime, { sandboxSessionId: b.providerSessionId });
    expect(view.status).toBe('expired');
    const events = await drain();
    expect(events.map((event) => [event.type, event.providerSessionId])).toEqual([
      ['checkout.expired', a.providerSessionId],
      ['checkout.expired', b.providerSessionId],
    ]);
    await expectProviderError(
      submitSandboxCard(runtime, {
        sandboxSessionId: b.providerSessionId,
        cardNumber: SANDBOX_CARD_SUCCEEDS,
      }),
      'invalid_request',
    );
  });

  it('subscription checkouts start a subscription that can be canceled', async () => {
    const customer = await provider.getOrCreateCustomer({
      tenantId,
      email: 'ada@example.com',
      customerRef: 'cust_ada',
    });
    expect(
      await provider.getOrCreateCustomer({
        tenantId,
        email: 'ada@example.com',
        customerRef: 'cust_ada',
      }),
    ).toEqual(customer);
    const start = await provider.startPayment(
      startInput({
        mode: 'subscription',
        amount: 900,
        lineItems: [
          {
            name: 'Coffee club',
            unitAmount: 900,
            quantity: 1,
            recurring: { interval: 'month', intervalCount: 1 },
          },
        ],
        customer: { providerCustomerId: customer.providerCustomerId },
      }),
    );
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await submitSandboxCard(runtime, {
      sandboxSessionId: start.providerSessionId,
      cardNumber: SANDBOX_CARD_SUCCEEDS,
    });
    const events = await drain();
    expect(events.map((event) => event.type)).toEqual([
      'subscription.created',
      'payment.succeeded',
    ]);
    const created = events[0];
    if (created?.type !== 'subscription.created') throw new Error('expected subscription.created');
    expect(created).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
      providerCustomerId: customer.providerCustomerId,
    });
    expect(events[1]).toMatchObject({ providerSubscriptionId: created.providerSubscriptionId });

    await provider.cancelSubscription({
      providerSubscriptionId: created.providerSubscriptionId,
      atPeriodEnd: true,
    });
    await provider.cancelSubscription({
      providerSubscriptionId: created.providerSubscriptionId,
      atPeriodEnd: false,
    });
    expect(await drain()).toEqual([
      expect.objectContaining({
        type: 'subscription.updated',
        cancelAtPeriodEnd: true,
        status: 'active',
      }),
      expect.objectContaining({ type: 'subscription.deleted', status: 'canceled' }),
    ]);
  });
});

import { randomBytes } from 'node:crypto';
import {
  type StripeEventObject,
  type StripeFake,
  type StripeObject,
  signStripeEvent,
} from '@prood/stripe-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLED_STRIPE_EVENT_TYPES } from './events';
import { createStripeProvider, type StripePaymentProvider } from './provider';
import { providerErrorCode, startStripeUnderTest } from './testing';

const tenantId = 'org_stripeHooks0000000001';
let fake: StripeFake;
let stripe: StripePaymentProvider;
let credentials: Awaited<ReturnType<typeof startStripeUnderTest>>['credentials'];
beforeAll(async () => {
  ({ fake, stripe, credentials } = await startStripeUnderTest(tenantId));
});
afterAll(() => fake.close());

function parse(
  event: StripeEventObject | string,
  options: { secret?: string; timestamp?: number; tenant?: string } = {},
) {
  const { payload, header } = signStripeEvent(event, options.secret ?? credentials.webhookSecret, {
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
  return stripe.parseWebhook({
    rawBody: Buffer.from(payload),
    headers: { 'Stripe-Signature': header, 'content-type': 'application/json' },
    tenantId: options.tenant ?? tenantId,
  });
}

const codeOf = (promise: Promise<unknown>) =>
  providerErrorCode(promise, [credentials.secretKey, credentials.webhookSecret]);

/** A session the platform started, paid on the fake: the objects Stripe would send. */
async function paidSession(
  options: { outcome?: 'paid' | 'async'; mode?: 'payment' | 'subscription' } = {},
) {
  const orderId = `ord_${randomBytes(6).toString('hex')}`;
  const subscription = options.mode === 'subscription';
  const start = await stripe.startPayment({
    tenantId,
    checkoutSessionId: 'cs_oursHooks000000000001',
    orderId,
    attempt: 1,
    amount: 2490,
    currency: 'EUR',
    mode: subscription ? 'subscription' : 'payment',
    lineItems: [
      {
        name: 'House Blend',
        unitAmount: 2490,
        quantity: 1,
        ...(subscription ? { recurring: { interval: 'month' as const, intervalCount: 1 } } : {}),
      },
    ],
    successUrl: 'http://localhost:3004/ok',
    cancelUrl: 'http://localhost:3004/cancel',
    expiresAt: new Date(Date.now() + 3600_000),
  });
  if (start.kind !== 'redirect') throw new Error('expected a redirect');
  const completed = fake.completeCheckoutSession(start.providerSessionId, {
    outcome: options.outcome ?? 'paid',
  });
  return { orderId, sessionId: start.providerSessionId, ...completed };
}

const intentOf = (session: StripeObject) => {
  const intent = fake.state.paymentIntents.get(session.payment_intent as string);
  if (!intent) throw new Error('no intent');
  return intent;
};

describe('Stripe webhooks → normalized events', () => {
  const covered = new Set<string>();
  const expectMapped = async (event: StripeEventObject, expected: Record<string, unknown>) => {
    const parsed = await parse(event);
    covered.add(event.type);
    expect(parsed).toMatchObject({ eventId: event.id, type: event.type });
    expect(parsed.events).toEqual([
      expect.objectContaining({
        tenantId,
        provider: 'stripe',
        providerEventId: event.id,
        occurredAt: new Date(event.created * 1000).toISOString(),
        ...expected,
      }),
    ]);
    return parsed.events[0];
  };

  it('checkout.session.completed: paid → payment.succeeded, unpaid → payment.processing', async () => {
    const paid = await paidSession();
    await expectMapped(paid.event, {
      type: 'payment.succeeded',
      orderId: paid.orderId,
      checkoutSessionId: 'cs_oursHooks000000000001',
      providerSessionId: paid.sessionId,
      providerPaymentId: paid.session.payment_intent,
      amount: 2490,
      currency: 'EUR',
    });
    const slow = await paidSession({ outcome: 'async' });
    await expectMapped(slow.event, {
      type: 'payment.processing',
      orderId: slow.orderId,
      amount: 2490,
    });
  });

  it('checkout.session.async_payment_succeeded / _failed', async () => {
    const ok = await paidSession({ outcome: 'async' });
    await expectMapped(fake.settleAsyncPayment(ok.sessionId, 'succeeded').event, {
      type: 'payment.succeeded',
      orderId: ok.orderId,
    });
    const ko = await paidSession({ outcome: 'async' });
    await expectMapped(fake.settleAsyncPayment(ko.sessionId, 'failed').event, {
      type: 'payment.failed',
      orderId: ko.orderId,
      failureCode: 'async_payment_failed',
    });
  });

  it('checkout.session.expired → checkout.expired', async () => {
    const start = await stripe.startPayment({
      tenantId,
      checkoutSessionId: 'cs_oursHooks000000000002',
      orderId: 'ord_expired0001',
      attempt: 1,
      amount: 100,
      currency: 'EUR',
      mode: 'payment',
      lineItems: [{ name: 'Sticker', unitAmount: 100, quantity: 1 }],
      successUrl: 'http://localhost:3004/ok',
      cancelUrl: 'http://localhost:3004/cancel',
      expiresAt: new Date(Date.now() + 3600_000),
    });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await stripe.expireSession(start.providerSessionId);
    const session = fake.state.checkoutSessions.get(start.providerSessionId);
    if (!session) throw new Error('no session');
    await expectMapped(fake.createEvent('checkout.session.expired', session), {
      type: 'checkout.expired',
      orderId: 'ord_expired0001',
      providerSessionId: start.providerSessionId,
      amount: 100,
    });
  });

  it('payment_intent.succeeded / payment_failed / requires_action', async () => {
    const paid = await paidSession();
    const intent = intentOf(paid.session);
    await expectMapped(fake.createEvent('payment_intent.succeeded', intent), {
      type: 'payment.succeeded',
      orderId: paid.orderId,
      providerPaymentId: intent.id,
      amount: 2490,
      currency: 'EUR',
    });
    const failed = {
      ...intent,
      status: 'requires_payment_method',
      last_payment_error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      },
    };
    await expectMapped(fake.createEvent('payment_intent.payment_failed', failed), {
      type: 'payment.failed',
      failureCode: 'insufficient_funds',
      failureMessage: 'Your card has insufficient funds.',
      orderId: paid.orderId,
    });
    const action = fake.setPaymentIntentStatus(intent.id, 'requires_action');
    await expectMapped(fake.createEvent('payment_intent.requires_action', action), {
      type: 'payment.requires_action',
      providerPaymentId: intent.id,
    });
  });

  it('charge.refunded → refund.succeeded with the running total', async () => {
    const paid = await paidSession();
    const intent = intentOf(paid.session);
    const refund = await stripe.refund({
      providerPaymentId: intent.id,
      amount: 490,
      currency: 'EUR',
      idempotencyKey: 'refund:hooks:1',
      orderId: paid.orderId,
      tenantId,
    });
    const charge = fake.state.charges.get(intent.latest_charge as string);
    if (!charge) throw new Error('no charge');
    await expectMapped(fake.createEvent('charge.refunded', charge), {
      type: 'refund.succeeded',
      orderId: paid.orderId,
      providerPaymentId: intent.id,
      providerRefundId: refund.providerRefundId,
      amount: 490,
      amountRefundedTotal: 490,
      currency: 'EUR',
    });
  });

  it('customer.subscription.created / updated / deleted', async () => {
    const paid = await paidSession({ mode: 'subscription' });
    const subscription = fake.state.subscriptions.get(paid.session.subscription as string);
    if (!subscription) throw new Error('no subscription');
    const item = (
      subscription.items as { data: Array<{ current_period_end: number; price: { id: string } }> }
    ).data[0];
    const common = {
      providerSubscriptionId: subscription.id,
      providerCustomerId: subscription.customer,
      orderId: paid.orderId,
      amount: 2490,
      currency: 'EUR',
      providerPriceId: item?.price.id,
      currentPeriodEnd: new Date((item?.current_period_end ?? 0) * 1000).toISOString(),
    };
    await expectMapped(fake.createEvent('customer.subscription.created', subscription), {
      ...common,
      type: 'subscription.created',
      status: 'active',
      cancelAtPeriodEnd: false,
    });
    await stripe.cancelSubscription({ providerSubscriptionId: subscription.id, atPeriodEnd: true });
    await expectMapped(
      fake.createEvent('customer.subscription.updated', subscription, {
        previousAttributes: { cancel_at_period_end: false },
      }),
      { ...common, type: 'subscription.updated', cancelAtPeriodEnd: true },
    );
    await stripe.cancelSubscription({
      providerSubscriptionId: subscription.id,
      atPeriodEnd: false,
    });
    await expectMapped(fake.createEvent('customer.subscription.deleted', subscription), {
      ...common,
      type: 'subscription.deleted',
      status: 'canceled',
    });
  });

  it('covers every handled event type above', () => {
    expect([...covered].sort()).toEqual([...HANDLED_STRIPE_EVENT_TYPES].sort());
  });

  it('acknowledges unknown event types with no events', async () => {
    const customer = { id: 'cus_x', object: 'customer', metadata: {} };
    const parsed = await parse(fake.createEvent('customer.created', customer));
    expect(parsed).toMatchObject({ type: 'customer.created', events: [] });
  });
});

describe('Stripe webhook verification', () => {
  it('refuses missing, forged, tampered and stale signatures', async () => {
    const paid = await paidSession();
    const event = paid.event;
    expect(
      await codeOf(stripe.parseWebhook({ rawBody: JSON.stringify(event), headers: {}, tenantId })),
    ).toBe('webhook_signature_missing');
    expect(await codeOf(parse(event, { secret: `whsec_${randomBytes(16).toString('hex')}` }))).toBe(
      'webhook_signature_invalid',
    );
    const { payload, header } = signStripeEvent(event, credentials.webhookSecret);
    const bytes = Buffer.from(payload);
    const index = payload.indexOf('2490');
    bytes[index] = bytes[index] === 0x32 ? 0x33 : 0x32;
    expect(
      await codeOf(
        stripe.parseWebhook({ rawBody: bytes, headers: { 'stripe-signature': header }, tenantId }),
      ),
    ).toBe('webhook_signature_invalid');
    expect(
      await codeOf(
        stripe.parseWebhook({
          rawBody: payload,
          headers: new Headers({ 'Stripe-Signature': header }),
          tenantId,
        }),
      ),
    ).toBe('ok');
    expect(await codeOf(parse(event, { timestamp: Math.floor(Date.now() / 1000) - 301 }))).toBe(
      'webhook_timestamp_out_of_tolerance',
    );
    expect(await codeOf(parse(event, { timestamp: Math.floor(Date.now() / 1000) - 250 }))).toBe(
      'ok',
    );
  });

  it('refuses events for another tenant, another connected account or the other mode', async () => {
    const paid = await paidSession();
    expect(await codeOf(parse(paid.event, { tenant: 'org_someoneElse000000001' }))).toBe(
      'webhook_tenant_mismatch',
    );
    const foreign = {
      ...paid.event,
      data: {
        object: {
          ...paid.session,
          metadata: { ...(paid.session.metadata as object), tenant_id: 'org_other' },
        },
      },
    };
    expect(await codeOf(parse(foreign))).toBe('webhook_tenant_mismatch');
    expect(await codeOf(parse({ ...paid.event, livemode: true }))).toBe('mode_mismatch');

    const connected = createStripeProvider({
      tenantId,
      mode: 'test',
      credentials: { ...credentials, accountId: 'acct_1TenantAccount' },
    });
    const { payload, header } = signStripeEvent(
      { ...paid.event, account: 'acct_1SomeoneElse' },
      credentials.webhookSecret,
    );
    expect(
      await codeOf(
        connected.parseWebhook({
          rawBody: payload,
          headers: { 'stripe-signature': header },
          tenantId,
        }),
      ),
    ).toBe('webhook_tenant_mismatch');
  });

  it('refuses a signed body that is not an event', async () => {
    expect(await codeOf(parse('not json'))).toBe('webhook_payload_invalid');
    expect(await codeOf(parse('{"hello":"world"}'))).toBe('webhook_payload_invalid');
  });
});

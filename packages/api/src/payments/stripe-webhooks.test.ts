import { createHmac, randomBytes } from 'node:crypto';
import { orders, webhookEvents } from '@prood/db/schema';
import { createTestTenant } from '@prood/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingestPaymentWebhook } from './ingest-webhook';
import {
  connectTestIntegration,
  createPayableOrder,
  createPaymentsHarness,
  type PaymentsHarness,
} from './testing';

let h: PaymentsHarness;
let tenantId: string;
const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  tenantId = (await createTestTenant(h.db)).id;
  await connectTestIntegration(h.db, {
    tenantId,
    provider: 'stripe',
    credentials: {
      secretKey: `sk_test_${randomBytes(16).toString('hex')}`,
      publishableKey: `pk_test_${randomBytes(16).toString('hex')}`,
      webhookSecret,
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** Stripe's documented scheme: `t=…,v1=HMAC-SHA256(secret, "t.payload")`. */
function stripeHeaders(payload: string, at = new Date()): Headers {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', webhookSecret).update(`${t}.${payload}`).digest('hex');
  return new Headers({
    'stripe-signature': `t=${t},v1=${v1}`,
    'x-checkout-secret': h.checkoutSecret,
  });
}

function stripeEvent(type: string, object: Record<string, unknown>) {
  return JSON.stringify({
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

describe('Stripe events through the same ingest', () => {
  it('checkout.session.completed (paid) marks the order PAID; a type we do not handle is stored and acknowledged', async () => {
    const order = await createPayableOrder(h.db, tenantId, { unitAmount: 2490, quantity: 2 });
    await h.db.update(orders).set({ provider: 'stripe' }).where(eq(orders.id, order.id));
    const completed = stripeEvent('checkout.session.completed', {
      id: `cs_test_${randomBytes(8).toString('hex')}`,
      object: 'checkout.session',
      amount_total: 4980,
      currency: 'eur',
      payment_status: 'paid',
      status: 'complete',
      mode: 'payment',
      payment_intent: `pi_${randomBytes(8).toString('hex')}`,
      client_reference_id: order.id,
      metadata: {
        order_id: order.id,
        tenant_id: tenantId,
        checkout_session_id: order.checkoutSessionId,
      },
    });
    const input = (rawBody: string, headers = stripeHeaders(rawBody)) => ({
      provider: 'stripe',
      orgId: tenantId,
      rawBody,
      headers,
    });
    const paid = await ingestPaymentWebhook(h.deps, input(completed));
    expect(paid.status).toBe(200);
    const [after] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({ status: 'PAID', amountPaid: 4980 });

    const unhandled = stripeEvent('customer.created', {
      id: 'cus_123',
      object: 'customer',
      metadata: {},
    });
    const ignored = await ingestPaymentWebhook(h.deps, input(unhandled));
    expect(ignored).toMatchObject({ status: 200, body: { received: true, applied: [] } });
    const eventId = (JSON.parse(unhandled) as { id: string }).id;
    const [stored] = await h.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.tenantId, tenantId), eq(webhookEvents.eventId, eventId)));
    expect(stored).toMatchObject({ type: 'customer.created', normalized: [] });

    // stale and re-serialized Stripe deliveries are refused
    const stale = await ingestPaymentWebhook(
      h.deps,
      input(completed, stripeHeaders(completed, new Date(Date.now() - 301_000))),
    );
    expect(stale.status).toBe(400);
    const reserialized = JSON.stringify(JSON.parse(completed), null, 1);
    expect(
      (await ingestPaymentWebhook(h.deps, input(reserialized, stripeHeaders(completed)))).status,
    ).toBe(400);
  });
});

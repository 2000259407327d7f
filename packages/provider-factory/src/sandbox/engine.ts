import { createHmac } from 'node:crypto';
import { type PaymentStatus, ProviderError } from '@prood/checkout';
import { randomBase62 } from '@prood/validators';
import type { SandboxEvent, SandboxEventData } from './events';
import type { SandboxDelivery, SandboxPayment, SandboxSession, SandboxSubscription } from './model';
import {
  announceSandboxEvents,
  DEFAULT_ASYNC_SETTLE_DELAY_MS,
  type SandboxRuntime,
  sandboxNow,
  sandboxWebhookUrl,
} from './runtime';
import type { SandboxRecord } from './store';
import { findSandboxTestCard, type SandboxCardBehaviour } from './test-cards';

/** Sandbox object ids: prefixed like Stripe's, random unless derived from an idempotency key. */
export function newSandboxId(prefix: 'cs' | 'pay' | 're' | 'cus' | 'sub'): string {
  return `sbx_${prefix}_${randomBase62(24)}`;
}

/**
 * An id derived from an idempotency key, keyed with the tenant's secret so it stays unguessable:
 * the same start/refund asked twice lands on the same object.
 */
export function derivedSandboxId(
  prefix: 'cs' | 're' | 'cus',
  secret: string,
  tenantId: string,
  key: string,
): string {
  const digest = createHmac('sha256', secret).update(`${tenantId}\n${prefix}\n${key}`).digest();
  return `sbx_${prefix}_${digest.toString('base64url').replace(/[-_]/g, '').slice(0, 24)}`;
}

export function sandboxError(
  code: 'not_found' | 'invalid_request' | 'payment_declined',
  message: string,
): ProviderError {
  return new ProviderError(code, message, { provider: 'sandbox' });
}

const conflict = () =>
  sandboxError('invalid_request', 'the sandbox payment changed meanwhile; reload and try again');

/** Queues one event for delivery; the delivery row is the outbox. */
export async function queueSandboxEvent(
  runtime: SandboxRuntime,
  tenantId: string,
  type: SandboxEvent['type'],
  data: SandboxEventData,
): Promise<SandboxEvent> {
  const now = sandboxNow(runtime);
  const event: SandboxEvent = {
    id: `evt_sbx_${randomBase62(24)}`,
    object: 'event',
    type,
    created: Math.floor(now.getTime() / 1000),
    livemode: false,
    tenant_id: tenantId,
    data,
  };
  const delivery: SandboxDelivery = {
    eventId: event.id,
    eventType: type,
    url: sandboxWebhookUrl(runtime, tenantId),
    payload: JSON.stringify(event),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
  };
  await runtime.store.insert({ id: event.id, tenantId, kind: 'delivery', data: delivery });
  return event;
}

function notifyQueued(runtime: SandboxRuntime): void {
  announceSandboxEvents(runtime);
}

/**
 * A card attempt that does not settle at once: moves the session by revision (a concurrent
 * submit loses with a conflict), stores the payment, and queues the event it causes.
 */
async function recordOpenPayment(
  runtime: SandboxRuntime,
  session: SandboxRecord<SandboxSession>,
  sessionData: SandboxSession,
  payment: { id: string; data: SandboxPayment },
  type: SandboxEvent['type'],
  extra: Partial<SandboxEventData> = {},
): Promise<void> {
  if (!(await runtime.store.update('session', session, sessionData))) throw conflict();
  await runtime.store.insert({
    id: payment.id,
    tenantId: session.tenantId,
    kind: 'payment',
    data: payment.data,
  });
  await queueSandboxEvent(runtime, session.tenantId, type, {
    ...sessionEventData(session, payment),
    ...extra,
  });
}

function sessionEventData(
  record: SandboxRecord<SandboxSession>,
  payment?: { id: string; data: SandboxPayment },
): SandboxEventData {
  return {
    session_id: record.id,
    checkout_session_id: record.data.checkoutSessionId,
    order_id: record.data.orderId,
    amount: record.data.amount,
    currency: record.data.currency,
    ...(payment ? { payment_id: payment.id } : {}),
    ...(record.data.customerId ? { customer_id: record.data.customerId } : {}),
  };
}

function subscriptionEventData(
  id: string,
  subscription: SandboxSubscription,
): NonNullable<SandboxEventData['subscription']> {
  return {
    id,
    status: subscription.status,
    current_period_start: subscription.currentPeriodStart,
    current_period_end: subscription.currentPeriodEnd,
    cancel_at_period_end: subscription.cancelAtPeriodEnd,
  };
}

function addInterval(start: Date, interval: string, count: number): Date {
  const end = new Date(start);
  if (interval === 'day') end.setUTCDate(end.getUTCDate() + count);
  else if (interval === 'week') end.setUTCDate(end.getUTCDate() + 7 * count);
  else if (interval === 'year') end.setUTCFullYear(end.getUTCFullYear() + count);
  else end.setUTCMonth(end.getUTCMonth() + count);
  return end;
}

/** Loads a session, expiring it first when its time has passed (the sandbox has no cron). */
export async function loadSandboxSession(
  runtime: SandboxRuntime,
  sandboxSessionId: string,
  tenantId?: string,
): Promise<SandboxRecord<SandboxSession>> {
  const record = await runtime.store.get<SandboxSession>('session', sandboxSessionId, tenantId);
  if (!record) throw sandboxError('not_found', 'no such sandbox checkout session');
  if (record.data.status === 'open' && sandboxNow(runtime) >= new Date(record.data.expiresAt)) {
    return expireSandboxSession(runtime, record);
  }
  return record;
}

/** Moves an open session to `expired` and tells the platform (`checkout.expired`). */
export async function expireSandboxSession(
  runtime: SandboxRuntime,
  record: SandboxRecord<SandboxSession>,
): Promise<SandboxRecord<SandboxSession>> {
  if (record.data.status === 'expired') return record;
  if (record.data.status !== 'open') {
    throw sandboxError('invalid_request', 'only an open sandbox session can be expired');
  }
  const data: SandboxSession = { ...record.data, status: 'expired' };
  if (!(await runtime.store.update('session', record, data))) {
    return loadSandboxSession(runtime, record.id, record.tenantId);
  }
  await queueSandboxEvent(runtime, record.tenantId, 'checkout.expired', sessionEventData(record));
  notifyQueued(runtime);
  return { ...record, data, rev: record.rev + 1 };
}

/** Marks the session paid, starts its subscription when it is one, and queues the events. */
async function completePaidSession(
  runtime: SandboxRuntime,
  session: SandboxRecord<SandboxSession>,
  payment: { id: string; data: SandboxPayment },
): Promise<void> {
  const now = sandboxNow(runtime);
  let subscription: { id: string; data: SandboxSubscription } | undefined;
  const recurring = session.data.lineItems.find((item) => item.recurring)?.recurring;
  if (session.data.mode === 'subscription' && recurring) {
    subscription = {
      id: newSandboxId('sub'),
      data: {
        sessionId: session.id,
        orderId: session.data.orderId,
        checkoutSessionId: session.data.checkoutSessionId,
        customerId: session.data.customerId,
        status: 'active',
        amount: session.data.amount,
        currency: session.data.currency,
        currentPeriodStart: Math.floor(now.getTime() / 1000),
        currentPeriodEnd: Math.floor(
          addInterval(now, recurring.interval, recurring.intervalCount).getTime() / 1000,
        ),
        cancelAtPeriodEnd: false,
      },
    };
  }
  const data: SandboxSession = {
    ...session.data,
    status: 'complete',
    paymentStatus: 'paid',
    paymentId: payment.id,
    subscriptionId: subscription?.id,
  };
  if (!(await runtime.store.update('session', session, data))) throw conflict();
  const eventData = sessionEventData({ ...session, data }, payment);
  if (subscription) {
    await runtime.store.insert({
      id: subscription.id,
      tenantId: session.tenantId,
      kind: 'subscription',
      data: subscription.data,
    });
    await queueSandboxEvent(runtime, session.tenantId, 'subscription.created', {
      ...eventData,
      subscription: subscriptionEventData(subscription.id, subscription.data),
    });
  }
  await queueSandboxEvent(runtime, session.tenantId, 'payment.succeeded', {
    ...eventData,
    ...(subscription
      ? { subscription: subscriptionEventData(subscription.id, subscription.data) }
      : {}),
  });
}

export interface SandboxCardResult {
  outcome: SandboxCardBehaviour;
  sandboxSessionId: string;
  paymentId: string;
  /** Where to send the shopper now: the tenant's success URL once paid or processing. */
  redirectUrl?: string | undefined;
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
}

const DECLINES = {
  declined: { code: 'card_declined', message: 'Your card was declined.' },
  insufficient_funds: { code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
} as const;

/** Runs a test card against an open session; see `submitSandboxCard`. */
export async function payWithSandboxCard(
  runtime: SandboxRuntime,
  input: { tenantId?: string | undefined; sandboxSessionId: string; cardNumber: string },
): Promise<SandboxCardResult> {
  const card = findSandboxTestCard(input.cardNumber);
  if (!card) {
    throw sandboxError(
      'invalid_request',
      'the sandbox accepts only its test cards, e.g. 4242 4242 4242 4242',
    );
  }
  const session = await loadSandboxSession(runtime, input.sandboxSessionId, input.tenantId);
  if (session.data.status !== 'open') {
    throw sandboxError('invalid_request', `this sandbox checkout is ${session.data.status}`);
  }
  if (session.data.paymentId) {
    const previous = await runtime.store.get<SandboxPayment>('payment', session.data.paymentId);
    if (previous?.data.status === 'requires_action') {
      throw sandboxError('invalid_request', 'finish or fail the pending authentication first');
    }
  }
  const now = sandboxNow(runtime);
  const paymentId = newSandboxId('pay');
  const base: SandboxPayment = {
    sessionId: session.id,
    orderId: session.data.orderId,
    checkoutSessionId: session.data.checkoutSessionId,
    amount: session.data.amount,
    currency: session.data.currency,
    status: 'failed',
    cardLast4: card.number.slice(-4),
    amountRefunded: 0,
  };
  const result: SandboxCardResult = {
    outcome: card.behaviour,
    sandboxSessionId: session.id,
    paymentId,
  };

  switch (card.behaviour) {
    case 'succeeded': {
      const payment = { id: paymentId, data: { ...base, status: 'succeeded' as const } };
      // completePaidSession swaps the session by revision, so a concurrent second submit fails
      await runtime.store.insert({
        id: paymentId,
        tenantId: session.tenantId,
        kind: 'payment',
        data: payment.data,
      });
      await completePaidSession(runtime, session, payment);
      result.redirectUrl = session.data.successUrl;
      break;
    }
    case 'declined':
    case 'insufficient_funds': {
      const decline = DECLINES[card.behaviour];
      const data: SandboxPayment = {
        ...base,
        status: 'failed',
        failureCode: decline.code,
        failureMessage: decline.message,
      };
      await recordOpenPayment(
        runtime,
        session,
        { ...session.data, paymentId },
        { id: paymentId, data },
        'payment.failed',
        { failure_code: decline.code, failure_message: decline.message },
      );
      result.failureCode = decline.code;
      result.failureMessage = decline.message;
      break;
    }
    case 'requires_action': {
      const data: SandboxPayment = { ...base, status: 'requires_action' };
      await recordOpenPayment(
        runtime,
        session,
        { ...session.data, paymentId },
        { id: paymentId, data },
        'payment.requires_action',
      );
      break;
    }
    case 'processing': {
      const delay = runtime.asyncSettleDelayMs ?? DEFAULT_ASYNC_SETTLE_DELAY_MS;
      const data: SandboxPayment = {
        ...base,
        status: 'processing',
        settleAt: new Date(now.getTime() + delay).toISOString(),
      };
      const sessionData: SandboxSession = {
        ...session.data,
        status: 'complete',
        paymentStatus: 'unpaid',
        paymentId,
      };
      await recordOpenPayment(
        runtime,
        session,
        sessionData,
        { id: paymentId, data },
        'payment.processing',
      );
      result.redirectUrl = session.data.successUrl;
      break;
    }
  }
  notifyQueued(runtime);
  return result;
}

/** Completes or fails the pending 3-D Secure style step; see `completeSandboxAuthentication`. */
export async function authenticateSandboxPayment(
  runtime: SandboxRuntime,
  input: { tenantId?: string | undefined; sandboxSessionId: string; approve: boolean },
): Promise<SandboxCardResult> {
  const session = await loadSandboxSession(runtime, input.sandboxSessionId, input.tenantId);
  const paymentId = session.data.paymentId;
  const payment = paymentId
    ? await runtime.store.get<SandboxPayment>('payment', paymentId, session.tenantId)
    : undefined;
  if (payment?.data.status !== 'requires_action') {
    throw sandboxError('invalid_request', 'this sandbox checkout has no authentication pending');
  }
  if (session.data.status !== 'open') {
    throw sandboxError('invalid_request', `this sandbox checkout is ${session.data.status}`);
  }
  if (input.approve) {
    const data: SandboxPayment = { ...payment.data, status: 'succeeded' };
    if (!(await runtime.store.update('payment', payment, data))) throw conflict();
    await completePaidSession(runtime, session, { id: payment.id, data });
    notifyQueued(runtime);
    return {
      outcome: 'succeeded',
      sandboxSessionId: session.id,
      paymentId: payment.id,
      redirectUrl: session.data.successUrl,
    };
  }
  const failure = {
    code: 'payment_intent_authentication_failure',
    message: 'The card authentication failed.',
  };
  const data: SandboxPayment = {
    ...payment.data,
    status: 'failed',
    failureCode: failure.code,
    failureMessage: failure.message,
  };
  if (!(await runtime.store.update('payment', payment, data))) throw conflict();
  await queueSandboxEvent(runtime, session.tenantId, 'payment.failed', {
    ...sessionEventData(session, { id: payment.id, data }),
    failure_code: failure.code,
    failure_message: failure.message,
  });
  notifyQueued(runtime);
  return {
    outcome: 'declined',
    sandboxSessionId: session.id,
    paymentId: payment.id,
    failureCode: failure.code,
    failureMessage: failure.message,
  };
}

/** Settles one `processing` payment whose delay has passed; false when it is not due. */
export async function settleSandboxPayment(
  runtime: SandboxRuntime,
  payment: SandboxRecord<SandboxPayment>,
): Promise<boolean> {
  const settleAt = payment.data.settleAt;
  if (payment.data.status !== 'processing' || !settleAt) return false;
  if (sandboxNow(runtime) < new Date(settleAt)) return false;
  const data: SandboxPayment = { ...payment.data, status: 'succeeded', settleAt: undefined };
  // losing the race means another worker settled it: nothing more to do
  if (!(await runtime.store.update('payment', payment, data))) return false;
  const session = await runtime.store.get<SandboxSession>(
    'session',
    payment.data.sessionId,
    payment.tenantId,
  );
  if (!session) return true;
  await completePaidSession(runtime, session, { id: payment.id, data });
  notifyQueued(runtime);
  return true;
}

/** The Stripe-like status of a session (and its latest payment). */
export async function sandboxSessionStatus(
  runtime: SandboxRuntime,
  session: SandboxRecord<SandboxSession>,
): Promise<PaymentStatus> {
  const payment = session.data.paymentId
    ? await runtime.store.get<SandboxPayment>('payment', session.data.paymentId, session.tenantId)
    : undefined;
  return {
    providerSessionId: session.id,
    providerPaymentId: payment?.id,
    status: session.data.status,
    paymentStatus: session.data.paymentStatus,
    processing: session.data.status === 'complete' && session.data.paymentStatus === 'unpaid',
    requiresAction: payment?.data.status === 'requires_action',
    amount: session.data.amount,
    currency: session.data.currency,
    orderId: session.data.orderId,
    checkoutSessionId: session.data.checkoutSessionId,
    providerCustomerId: session.data.customerId,
    providerSubscriptionId: session.data.subscriptionId,
  };
}

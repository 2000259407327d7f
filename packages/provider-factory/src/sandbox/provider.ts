import {
  type CustomerCapability,
  type ExpireCapability,
  type PaymentProvider,
  ProviderError,
  type RefundCapability,
  type SubscriptionCapability,
} from '@prood/checkout';
import type { SandboxCredentials } from './credentials';
import {
  derivedSandboxId,
  expireSandboxSession,
  loadSandboxSession,
  queueSandboxEvent,
  sandboxError,
  sandboxSessionStatus,
  settleSandboxPayment,
} from './engine';
import { mapSandboxEvent, sandboxEventSchema } from './events';
import type {
  SandboxCustomer,
  SandboxPayment,
  SandboxRefund,
  SandboxSession,
  SandboxSubscription,
} from './model';
import { announceSandboxEvents, type SandboxRuntime, sandboxPaymentPageUrl } from './runtime';
import { verifySandboxWebhook } from './signing';
import type { SandboxRecord } from './store';

export type SandboxPaymentProvider = PaymentProvider &
  RefundCapability &
  ExpireCapability &
  CustomerCapability &
  SubscriptionCapability;

/**
 * The offline sandbox provider for one tenant: hosted payment page in the checkout app, test
 * cards, refunds, customers and subscriptions, Standard-Webhooks-signed events. Test mode only.
 *
 * @example
 * const provider = createSandboxProvider({ tenantId, credentials, runtime });
 * const start = await provider.startPayment(input); // { kind: 'redirect', redirectUrl: '…/sandbox/pay/sbx_cs_…' }
 */
export function createSandboxProvider(args: {
  tenantId: string;
  credentials: SandboxCredentials;
  runtime: SandboxRuntime;
}): SandboxPaymentProvider {
  const { tenantId, credentials, runtime } = args;
  const { store } = runtime;

  async function ownedSession(id: string) {
    return loadSandboxSession(runtime, id, tenantId);
  }

  return {
    id: 'sandbox',
    mode: 'test',

    async startPayment(input) {
      if (input.tenantId !== tenantId) {
        throw sandboxError('invalid_request', 'payment started for another tenant');
      }
      // same order and attempt → same session, like Stripe's idempotency key
      const id = derivedSandboxId(
        'cs',
        credentials.webhookSecret,
        tenantId,
        `checkout:${input.orderId}:${input.attempt}`,
      );
      const session: SandboxSession = {
        checkoutSessionId: input.checkoutSessionId,
        orderId: input.orderId,
        attempt: input.attempt,
        amount: input.amount,
        currency: input.currency.toUpperCase(),
        mode: input.mode,
        lineItems: input.lineItems,
        successUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
        expiresAt: input.expiresAt.toISOString(),
        status: 'open',
        paymentStatus: 'unpaid',
        customerId: input.customer?.providerCustomerId,
      };
      await store.insert({ id, tenantId, kind: 'session', data: session });
      const stored = await ownedSession(id);
      return {
        kind: 'redirect',
        providerSessionId: id,
        redirectUrl: sandboxPaymentPageUrl(runtime.checkoutBaseUrl, id),
        expiresAt: new Date(stored.data.expiresAt),
      };
    },

    async retrievePayment(query) {
      let sessionId = query.providerSessionId;
      if (!sessionId && query.providerPaymentId) {
        const payment = await store.get<SandboxPayment>(
          'payment',
          query.providerPaymentId,
          tenantId,
        );
        if (!payment) throw sandboxError('not_found', 'no such sandbox payment');
        await settleSandboxPayment(runtime, payment);
        sessionId = payment.data.sessionId;
      }
      if (!sessionId) {
        throw sandboxError('invalid_request', 'give a providerSessionId or providerPaymentId');
      }
      let session = await ownedSession(sessionId);
      if (session.data.paymentId) {
        const payment = await store.get<SandboxPayment>(
          'payment',
          session.data.paymentId,
          tenantId,
        );
        if (payment && (await settleSandboxPayment(runtime, payment))) {
          session = await ownedSession(sessionId);
        }
      }
      return sandboxSessionStatus(runtime, session);
    },

    async parseWebhook(request) {
      const body = verifySandboxWebhook(credentials.webhookSecret, request);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new ProviderError('webhook_payload_invalid', 'sandbox webhook body is not JSON', {
          provider: 'sandbox',
        });
      }
      const result = sandboxEventSchema.safeParse(parsed);
      if (!result.success) {
        throw new ProviderError(
          'webhook_payload_invalid',
          'sandbox webhook body is not a sandbox event',
          { provider: 'sandbox' },
        );
      }
      const event = result.data;
      if (event.tenant_id !== request.tenantId || request.tenantId !== tenantId) {
        throw new ProviderError(
          'webhook_tenant_mismatch',
          'sandbox webhook belongs to another tenant than the one in the URL',
          { provider: 'sandbox' },
        );
      }
      return { eventId: event.id, type: event.type, events: mapSandboxEvent(event) };
    },

    async expireSession(providerSessionId) {
      await expireSandboxSession(runtime, await ownedSession(providerSessionId));
    },

    async refund(input) {
      const id = derivedSandboxId('re', credentials.webhookSecret, tenantId, input.idempotencyKey);
      const existing = await store.get<SandboxRefund>('refund', id, tenantId);
      if (existing) {
        if (
          existing.data.amount !== input.amount ||
          existing.data.paymentId !== input.providerPaymentId
        ) {
          throw sandboxError(
            'invalid_request',
            'idempotency key was already used for a different refund',
          );
        }
        return {
          providerRefundId: id,
          status: existing.data.status,
          amount: existing.data.amount,
          currency: existing.data.currency,
        };
      }
      // concurrent refunds of one payment (as a real provider allows) retry the compare-and-set
      let payment: SandboxRecord<SandboxPayment> | undefined;
      let amountRefunded = 0;
      for (let round = 0; round < 5 && !payment; round += 1) {
        const current = await store.get<SandboxPayment>(
          'payment',
          input.providerPaymentId,
          tenantId,
        );
        if (!current) throw sandboxError('not_found', 'no such sandbox payment');
        if (current.data.status !== 'succeeded') {
          throw sandboxError('invalid_request', 'only a succeeded sandbox payment can be refunded');
        }
        if (input.currency.toUpperCase() !== current.data.currency) {
          throw sandboxError(
            'invalid_request',
            'refund currency differs from the payment currency',
          );
        }
        const left = current.data.amount - current.data.amountRefunded;
        if (!Number.isInteger(input.amount) || input.amount <= 0 || input.amount > left) {
          throw sandboxError(
            'invalid_request',
            `refund amount must be a positive integer of at most ${left} (what is left to refund)`,
          );
        }
        amountRefunded = current.data.amountRefunded + input.amount;
        if (await store.update('payment', current, { ...current.data, amountRefunded })) {
          payment = current;
        }
      }
      if (!payment) {
        throw sandboxError('invalid_request', 'the payment changed meanwhile; retry the refund');
      }
      const refund: SandboxRefund = {
        paymentId: payment.id,
        amount: input.amount,
        currency: payment.data.currency,
        status: 'succeeded',
        reason: input.reason,
      };
      await store.insert({ id, tenantId, kind: 'refund', data: refund });
      await queueSandboxEvent(runtime, tenantId, 'refund.succeeded', {
        session_id: payment.data.sessionId,
        payment_id: payment.id,
        checkout_session_id: payment.data.checkoutSessionId,
        order_id: payment.data.orderId,
        amount: input.amount,
        currency: payment.data.currency,
        refund_id: id,
        amount_refunded: amountRefunded,
      });
      announceSandboxEvents(runtime);
      return {
        providerRefundId: id,
        status: 'succeeded',
        amount: input.amount,
        currency: payment.data.currency,
      };
    },

    async getOrCreateCustomer(input) {
      if (input.providerCustomerId) {
        const known = await store.get<SandboxCustomer>(
          'customer',
          input.providerCustomerId,
          tenantId,
        );
        if (known) return { providerCustomerId: known.id };
      }
      // derived from our reference, so two concurrent calls converge on one customer
      const id = derivedSandboxId('cus', credentials.webhookSecret, tenantId, input.customerRef);
      await store.insert<SandboxCustomer>({
        id,
        tenantId,
        kind: 'customer',
        data: { customerRef: input.customerRef, email: input.email, name: input.name },
      });
      return { providerCustomerId: id };
    },

    async cancelSubscription(input) {
      const subscription = await store.get<SandboxSubscription>(
        'subscription',
        input.providerSubscriptionId,
        tenantId,
      );
      if (!subscription) throw sandboxError('not_found', 'no such sandbox subscription');
      if (subscription.data.status === 'canceled') return;
      const data: SandboxSubscription = input.atPeriodEnd
        ? { ...subscription.data, cancelAtPeriodEnd: true }
        : { ...subscription.data, status: 'canceled', cancelAtPeriodEnd: false };
      if (!(await store.update('subscription', subscription, data))) {
        throw sandboxError('invalid_request', 'the subscription changed meanwhile; retry');
      }
      await queueSandboxEvent(
        runtime,
        tenantId,
        input.atPeriodEnd ? 'subscription.updated' : 'subscription.deleted',
        {
          session_id: data.sessionId,
          checkout_session_id: data.checkoutSessionId,
          order_id: data.orderId,
          amount: data.amount,
          currency: data.currency,
          ...(data.customerId ? { customer_id: data.customerId } : {}),
          subscription: {
            id: subscription.id,
            status: data.status,
            current_period_start: data.currentPeriodStart,
            current_period_end: data.currentPeriodEnd,
            cancel_at_period_end: data.cancelAtPeriodEnd,
          },
        },
      );
      announceSandboxEvents(runtime);
    },
  };
}

// the named export: under plain Node the CJS build's default import is the module object, not
// the function (the API's own server imports this without a bundler)
import {
  createMollieClient,
  type MollieClient,
  PaymentMethod,
  type RefundStatus,
} from '@mollie/api-client';
import {
  type ExpireCapability,
  type PaymentProvider,
  type PaymentStatus,
  ProviderError,
  type ProviderMode,
  type RefundCapability,
  type RefundResult,
  type StartPaymentInput,
} from '@prood/checkout';
import { fromMollieAmount, toMollieAmount } from './amount';
import type { MollieCredentials } from './credentials';
import { mollieError } from './errors';
import { type MolliePaymentView, metadataOf, paymentStatusOf } from './payment';
import { parseMollieWebhook } from './webhooks';

export type MolliePaymentProvider = PaymentProvider & RefundCapability & ExpireCapability;

/** The methods offered on Mollie's hosted page: iDEAL, Bancontact and cards. */
export const MOLLIE_METHODS = [
  PaymentMethod.ideal,
  PaymentMethod.bancontact,
  PaymentMethod.creditcard,
] as const;

/** Mollie's refund statuses in ours: only `refunded` has moved the money back. */
const REFUND_STATUS = {
  queued: 'pending',
  pending: 'pending',
  processing: 'pending',
  refunded: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
} as const satisfies Record<RefundStatus, RefundResult['status']>;

/** Inside what a provider waits for our webhook answer; the SDK itself has no timeout. */
const MOLLIE_TIMEOUT_MS = 8_000;

export interface MollieRuntimeOptions {
  /** Per call; default 8 s. */
  timeoutMs?: number | undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A tenant's Mollie account behind our `PaymentProvider` port, through the official SDK: a
 * hosted checkout per attempt (redirect, webhook per payment), look-ups, refunds and ending an
 * open payment. Webhooks are verified by fetching the payment back with the tenant's key.
 *
 * @example
 * const mollie = createMollieProvider({ tenantId, mode: 'test', credentials: { apiKey: 'test_…' },
 *   webhookUrl: 'https://checkout.example/api/webhooks/mollie/org_…' });
 */
export function createMollieProvider(args: {
  tenantId: string;
  mode: ProviderMode;
  credentials: MollieCredentials;
  webhookUrl?: string | undefined;
  apiEndpoint?: string | undefined;
  runtime?: MollieRuntimeOptions | undefined;
}): MolliePaymentProvider {
  const { tenantId, mode } = args;
  const timeoutMs = args.runtime?.timeoutMs ?? MOLLIE_TIMEOUT_MS;
  const client: MollieClient = createMollieClient({
    apiKey: args.credentials.apiKey,
    versionStrings: 'prood/0.1.0',
    ...(args.apiEndpoint ? { apiEndpoint: args.apiEndpoint } : {}),
  });

  async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(run(), timeoutMs);
    } catch (error) {
      throw mollieError(error, action);
    }
  }

  /** A payment of this account that is ours for this tenant; anything else is `not_found`. */
  async function ownPayment(id: string): Promise<MolliePaymentView> {
    if (!/^tr_[A-Za-z0-9]+$/.test(id)) {
      throw new ProviderError('not_found', 'no such Mollie payment', { provider: 'mollie' });
    }
    const payment = (await call('get the payment', () =>
      client.payments.get(id),
    )) as unknown as MolliePaymentView;
    if (metadataOf(payment).tenant_id !== tenantId) {
      throw new ProviderError('not_found', 'no such Mollie payment for this tenant', {
        provider: 'mollie',
      });
    }
    return payment;
  }

  async function startPayment(input: StartPaymentInput) {
    if (input.tenantId !== tenantId) {
      throw new ProviderError('invalid_request', 'payment started for another tenant', {
        provider: 'mollie',
      });
    }
    if (input.mode !== 'payment') {
      throw new ProviderError(
        'invalid_request',
        'Mollie takes one-off payments here, not subscriptions',
        {
          provider: 'mollie',
        },
      );
    }
    const payment = await call('create the payment', () =>
      client.payments.create({
        amount: toMollieAmount(input.amount, input.currency),
        description: `Order ${input.orderId}`,
        redirectUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
        ...(args.webhookUrl ? { webhookUrl: args.webhookUrl } : {}),
        method: [...MOLLIE_METHODS],
        metadata: {
          tenant_id: tenantId,
          order_id: input.orderId,
          checkout_session_id: input.checkoutSessionId,
          attempt: String(input.attempt),
        },
        // same order and attempt → the same payment, on a retry after a lost answer
        idempotencyKey: `checkout:${tenantId}:${input.orderId}:${input.attempt}`,
      }),
    );
    const url = payment.getCheckoutUrl();
    if (!url) {
      throw new ProviderError(
        'provider_unavailable',
        'Mollie returned a payment without a checkout link',
        {
          provider: 'mollie',
        },
      );
    }
    return {
      kind: 'redirect' as const,
      providerSessionId: payment.id,
      redirectUrl: url,
      expiresAt: payment.expiresAt ? new Date(payment.expiresAt) : input.expiresAt,
    };
  }

  return {
    id: 'mollie',
    mode,
    startPayment,

    async retrievePayment(query): Promise<PaymentStatus> {
      const id = query.providerPaymentId ?? query.providerSessionId;
      if (!id) {
        throw new ProviderError('invalid_request', 'a Mollie payment id (tr_…) is needed', {
          provider: 'mollie',
        });
      }
      return paymentStatusOf(await ownPayment(id));
    },

    parseWebhook(request) {
      return parseMollieWebhook(request, {
        tenantId,
        mode,
        // an id of another account (or none at all) is Mollie's 404: not_found, refused
        fetchPayment: async (id) =>
          (await call('fetch the webhook’s payment', () =>
            client.payments.get(id),
          )) as unknown as MolliePaymentView,
      });
    },

    async expireSession(providerSessionId) {
      const payment = await ownPayment(providerSessionId);
      // only an open, cancelable payment can be ended; others expire on their own
      if (payment.status !== 'open' || !(payment as { isCancelable?: boolean }).isCancelable)
        return;
      await call('cancel the payment', () => client.payments.cancel(providerSessionId));
    },

    async refund(input): Promise<RefundResult> {
      await ownPayment(input.providerPaymentId);
      const refund = await call('refund the payment', () =>
        client.paymentRefunds.create({
          paymentId: input.providerPaymentId,
          amount: toMollieAmount(input.amount, input.currency),
          metadata: { tenant_id: tenantId, order_id: input.orderId },
          idempotencyKey: input.idempotencyKey,
        }),
      );
      return {
        providerRefundId: refund.id,
        status: REFUND_STATUS[refund.status],
        amount: fromMollieAmount(refund.amount),
        currency: refund.amount.currency,
      };
    },
  };
}

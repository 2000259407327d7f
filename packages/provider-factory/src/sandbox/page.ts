import type { PaymentStatus } from '@prood/checkout';
import {
  authenticateSandboxPayment,
  loadSandboxSession,
  payWithSandboxCard,
  type SandboxCardResult,
  sandboxSessionStatus,
  settleSandboxPayment,
} from './engine';
import type { SandboxPayment } from './model';
import type { SandboxRuntime } from './runtime';
import { SANDBOX_TEST_CARDS, type SandboxTestCard } from './test-cards';

export type { SandboxCardResult };

/** What the sandbox payment page shows. Test mode, always. */
export interface SandboxCheckoutView extends PaymentStatus {
  sandboxSessionId: string;
  tenantId: string;
  mode: 'test';
  checkoutMode: 'payment' | 'subscription';
  lineItems: Array<{ name: string; unitAmount: number; quantity: number }>;
  successUrl: string;
  cancelUrl: string;
  /** ISO-8601 */
  expiresAt: string;
  testCards: readonly SandboxTestCard[];
}

/**
 * Loads a sandbox checkout for its payment page (`/sandbox/pay/{sandboxSessionId}`). The id is
 * unguessable and is all the page needs; pass `tenantId` when known to scope the look-up.
 * Throws `ProviderError('not_found')`.
 *
 * @example
 * const view = await getSandboxCheckout(runtime, { sandboxSessionId: params.id });
 * if (view.status !== 'open') redirect(view.successUrl);
 */
export async function getSandboxCheckout(
  runtime: SandboxRuntime,
  input: { tenantId?: string | undefined; sandboxSessionId: string },
): Promise<SandboxCheckoutView> {
  let session = await loadSandboxSession(runtime, input.sandboxSessionId, input.tenantId);
  if (session.data.paymentId) {
    const payment = await runtime.store.get<SandboxPayment>(
      'payment',
      session.data.paymentId,
      session.tenantId,
    );
    // the page polls while the async card settles; settling on read needs no worker in dev
    if (payment && (await settleSandboxPayment(runtime, payment))) {
      session = await loadSandboxSession(runtime, session.id, session.tenantId);
    }
  }
  return {
    ...(await sandboxSessionStatus(runtime, session)),
    sandboxSessionId: session.id,
    tenantId: session.tenantId,
    mode: 'test',
    checkoutMode: session.data.mode,
    lineItems: session.data.lineItems.map(({ name, unitAmount, quantity }) => ({
      name,
      unitAmount,
      quantity,
    })),
    successUrl: session.data.successUrl,
    cancelUrl: session.data.cancelUrl,
    expiresAt: session.data.expiresAt,
    testCards: SANDBOX_TEST_CARDS,
  };
}

/**
 * Pays a sandbox checkout with a test card and queues the webhooks it causes.
 * `succeeded` and `processing` carry `redirectUrl` (the tenant's success URL); `declined` and
 * `insufficient_funds` leave the checkout open for another card; `requires_action` waits for
 * `completeSandboxAuthentication`. Unknown cards, closed checkouts: `ProviderError`.
 *
 * @example
 * const result = await submitSandboxCard(runtime, { sandboxSessionId, cardNumber: '4242 4242 4242 4242' });
 * if (result.redirectUrl) redirect(result.redirectUrl);
 */
export function submitSandboxCard(
  runtime: SandboxRuntime,
  input: { tenantId?: string | undefined; sandboxSessionId: string; cardNumber: string },
): Promise<SandboxCardResult> {
  return payWithSandboxCard(runtime, input);
}

/**
 * The shopper's answer on the authentication step (card `4000 0027 6000 3184`): approve → paid
 * (`outcome: 'succeeded'`, `redirectUrl`), fail → `outcome: 'declined'` with
 * `failureCode: 'payment_intent_authentication_failure'`, the checkout open for another card.
 *
 * @example
 * await completeSandboxAuthentication(runtime, { sandboxSessionId, approve: true });
 */
export function completeSandboxAuthentication(
  runtime: SandboxRuntime,
  input: { tenantId?: string | undefined; sandboxSessionId: string; approve: boolean },
): Promise<SandboxCardResult> {
  return authenticateSandboxPayment(runtime, input);
}

/**
 * Settles every asynchronous sandbox payment whose delay has passed (`payment.succeeded`). A job
 * runner calls it periodically; the dev delivery loop and the payment page call it too.
 *
 * @example
 * await settleDueSandboxPayments(runtime); // → number settled
 */
export async function settleDueSandboxPayments(
  runtime: SandboxRuntime,
  options: { tenantId?: string | undefined; limit?: number | undefined } = {},
): Promise<number> {
  const processing = await runtime.store.find<SandboxPayment>('payment', {
    tenantId: options.tenantId,
    match: { status: 'processing' },
    limit: options.limit ?? 100,
  });
  let settled = 0;
  for (const payment of processing) {
    if (await settleSandboxPayment(runtime, payment)) settled += 1;
  }
  return settled;
}

import type { CheckoutLineItem } from '@prood/checkout';

export interface SandboxSession {
  checkoutSessionId: string;
  orderId: string;
  attempt: number;
  amount: number;
  currency: string;
  mode: 'payment' | 'subscription';
  lineItems: CheckoutLineItem[];
  successUrl: string;
  cancelUrl: string;
  /** ISO-8601 */
  expiresAt: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'unpaid' | 'paid';
  /** The latest payment attempt on this session. */
  paymentId?: string | undefined;
  customerId?: string | undefined;
  subscriptionId?: string | undefined;
}

export type SandboxPaymentStatus = 'requires_action' | 'processing' | 'succeeded' | 'failed';

export interface SandboxPayment {
  sessionId: string;
  orderId: string;
  checkoutSessionId: string;
  amount: number;
  currency: string;
  status: SandboxPaymentStatus;
  cardLast4: string;
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
  /** ISO-8601: when a `processing` payment settles. */
  settleAt?: string | undefined;
  amountRefunded: number;
}

export interface SandboxRefund {
  paymentId: string;
  amount: number;
  currency: string;
  status: 'succeeded';
  reason?: string | undefined;
}

export interface SandboxCustomer {
  customerRef: string;
  email: string;
  name?: string | undefined;
}

export interface SandboxSubscription {
  sessionId: string;
  orderId: string;
  checkoutSessionId: string;
  customerId?: string | undefined;
  status: 'active' | 'canceled';
  amount: number;
  currency: string;
  /** Unix seconds. */
  currentPeriodStart: number;
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
}

export interface SandboxDelivery {
  eventId: string;
  eventType: string;
  url: string;
  /** The exact JSON bytes that are signed and posted, identical on every retry. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** ISO-8601 */
  nextAttemptAt: string;
  lastStatus?: number | undefined;
  lastError?: string | undefined;
  deliveredAt?: string | undefined;
}

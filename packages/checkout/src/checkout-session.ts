import { currencySchema, moneyOrZeroSchema } from './money';
import type { PaymentProvider } from './provider';
import {
  type Address,
  CHECKOUT_SNAPSHOT_SCHEMA_VERSION,
  type CheckoutSessionKind,
  type CheckoutSnapshot,
  type CustomerInfo,
  checkoutSnapshotSchema,
  type Fulfillment,
} from './snapshot';
import {
  CheckoutError,
  type CheckoutEvent,
  type CheckoutState,
  isTerminalState,
  PAYMENT_STATES,
  transition,
} from './state-machine';

/** Stripe's session `status`. A canceled session reads `expired`: it can no longer be paid. */
export type CheckoutStatus = 'open' | 'complete' | 'expired';
/** Stripe's session `payment_status`. */
export type CheckoutPaymentStatus = 'unpaid' | 'paid' | 'no_payment_required';

// `confirming` means money may be in flight: the provider's verdict settles it, not the clock.
const EXPIRES_BY_CLOCK: readonly CheckoutState[] = [
  'idle',
  'info',
  'shipping',
  'payment',
  'failed',
];

export interface NewCheckoutSession {
  id: string;
  tenantId: string;
  kind: CheckoutSessionKind;
  orderId?: string | null | undefined;
  description?: string | null | undefined;
  amount: number;
  currency: string;
  returnUrl: string;
  cancelUrl?: string | null | undefined;
  customerInfo?: Partial<CustomerInfo> | null | undefined;
  fulfillment: Fulfillment;
  /** Null for a payment link whose provider is picked when the shopper pays. */
  provider: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface CheckoutSessionOptions {
  /** The live provider, when the caller will start or check payments. */
  provider?: PaymentProvider | undefined;
  /** The clock; injected so expiry is testable without waiting. */
  now?: (() => Date) | undefined;
}

function emptyCustomer(info?: Partial<CustomerInfo> | null): CustomerInfo {
  return { email: info?.email ?? null, name: info?.name ?? null, phone: info?.phone ?? null };
}

/**
 * A checkout session: the state machine plus the data it guards. Mutators validate, apply one
 * transition and record it; `toSnapshot()` is what gets saved after each of them.
 *
 * @example
 * const session = CheckoutSession.create({ id, tenantId, kind: 'order', ... });
 * session.start();
 * session.submitInfo({ email: 'a@b.co' });
 * await saveSession(session.id, session.toSnapshot());
 */
export class CheckoutSession {
  #data: CheckoutSnapshot;
  readonly #provider: PaymentProvider | undefined;
  readonly #now: () => Date;

  private constructor(snapshot: CheckoutSnapshot, options: CheckoutSessionOptions) {
    this.#data = snapshot;
    this.#provider = options.provider;
    this.#now = options.now ?? (() => new Date());
    if (this.#provider && snapshot.provider !== null && this.#provider.id !== snapshot.provider) {
      throw new CheckoutError(
        'provider_mismatch',
        `Session ${snapshot.id} uses provider "${snapshot.provider}", got "${this.#provider.id}"`,
        { expected: snapshot.provider, actual: this.#provider.id },
      );
    }
  }

  /** A new session in state `idle`, version 0 (not yet saved). */
  static create(input: NewCheckoutSession, options: CheckoutSessionOptions = {}): CheckoutSession {
    const money = moneyOrZeroSchema.safeParse({ amount: input.amount, currency: input.currency });
    if (!money.success) {
      throw new CheckoutError('invalid_input', `Invalid money: ${money.error.issues[0]?.message}`, {
        issues: money.error.issues,
      });
    }
    if (input.expiresAt.getTime() <= input.createdAt.getTime()) {
      throw new CheckoutError('invalid_input', 'expiresAt must be after createdAt');
    }
    const snapshot: CheckoutSnapshot = {
      schemaVersion: CHECKOUT_SNAPSHOT_SCHEMA_VERSION,
      version: 0,
      id: input.id,
      tenantId: input.tenantId,
      kind: input.kind,
      orderId: input.orderId ?? null,
      description: input.description ?? null,
      amount: money.data.amount,
      currency: money.data.currency,
      returnUrl: input.returnUrl,
      cancelUrl: input.cancelUrl ?? null,
      customerInfo: emptyCustomer(input.customerInfo),
      fulfillment: input.fulfillment,
      provider: input.provider,
      providerSessionId: null,
      providerPaymentId: null,
      state: 'idle',
      attempt: 0,
      createdAt: input.createdAt.toISOString(),
      expiresAt: input.expiresAt.toISOString(),
      paymentStartedAt: null,
      completedAt: null,
      history: [],
    };
    return CheckoutSession.hydrate(snapshot, options);
  }

  /**
   * Rebuilds a session from a snapshot (validated); `hydrate(s).toSnapshot()` equals `s`.
   *
   * @example
   * const live = CheckoutSession.hydrate(snapshot, { provider });
   */
  static hydrate(snapshot: unknown, options: CheckoutSessionOptions = {}): CheckoutSession {
    const parsed = checkoutSnapshotSchema.safeParse(snapshot);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CheckoutError(
        'invalid_snapshot',
        `Invalid checkout snapshot: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
        { issues: parsed.error.issues },
      );
    }
    return new CheckoutSession(parsed.data, options);
  }

  /** A deep copy of the persisted form. */
  toSnapshot(): CheckoutSnapshot {
    return structuredClone(this.#data);
  }

  get id(): string {
    return this.#data.id;
  }
  get tenantId(): string {
    return this.#data.tenantId;
  }
  get version(): number {
    return this.#data.version;
  }
  get amount(): number {
    return this.#data.amount;
  }
  get currency(): string {
    return this.#data.currency;
  }
  get attempt(): number {
    return this.#data.attempt;
  }
  get expiresAt(): Date {
    return new Date(this.#data.expiresAt);
  }
  /** The live provider given at hydration, if any. */
  get provider(): PaymentProvider | undefined {
    return this.#provider;
  }
  /** The stored state, ignoring the clock; see `state` for what the shopper sees. */
  get storedState(): CheckoutState {
    return this.#data.state;
  }
  /** The state as of now: `expired` once `expiresAt` has passed on an unpaid session. */
  get state(): CheckoutState {
    return this.isExpiredByClock() ? 'expired' : this.#data.state;
  }
  get status(): CheckoutStatus {
    const state = this.state;
    if (state === 'complete') return 'complete';
    return isTerminalState(state) ? 'expired' : 'open';
  }
  get paymentStatus(): CheckoutPaymentStatus {
    if (this.#data.amount === 0) return 'no_payment_required';
    return this.#data.state === 'complete' ? 'paid' : 'unpaid';
  }
  /** True once the payment step was entered: amount and currency can no longer change. */
  get amountLocked(): boolean {
    return this.#data.paymentStartedAt !== null;
  }

  /** Records a successful save (the store returns the new version). */
  markSaved(version: number): void {
    this.#data = { ...this.#data, version };
  }

  start(): this {
    return this.apply({ type: 'start' });
  }

  /** Shopper details; moves to `shipping` only when the fulfillment needs an address. */
  submitInfo(info: Partial<CustomerInfo>, fulfillment?: Fulfillment['type']): this {
    const type = fulfillment ?? this.#data.fulfillment.type;
    this.apply({ type: 'submit_info', fulfillment: type }, (data) => ({
      ...data,
      customerInfo: emptyCustomer({ ...data.customerInfo, ...info }),
      fulfillment: type === data.fulfillment.type ? data.fulfillment : { type, address: null },
    }));
    return this;
  }

  submitShipping(address: Address): this {
    return this.apply({ type: 'submit_shipping' }, (data) => ({
      ...data,
      fulfillment: { ...data.fulfillment, address },
    }));
  }

  /** The shopper submitted the payment; the provider's ids are kept for look-ups. */
  submitPayment(ids: { providerSessionId?: string; providerPaymentId?: string } = {}): this {
    return this.apply({ type: 'submit_payment' }, (data) => this.#withIds(data, ids));
  }

  /** Stores provider ids while paying (e.g. after `startPayment`), without a transition. */
  attachProviderIds(ids: { providerSessionId?: string; providerPaymentId?: string }): this {
    if (!(PAYMENT_STATES as readonly CheckoutState[]).includes(this.state)) {
      throw new CheckoutError(
        'invalid_transition',
        `Provider ids can only be attached while paying, not in state "${this.state}"`,
        { state: this.state },
      );
    }
    this.#data = this.#withIds(this.#data, ids);
    return this;
  }

  markSucceeded(ids: { providerSessionId?: string; providerPaymentId?: string } = {}): this {
    return this.apply({ type: 'payment_succeeded' }, (data) => ({
      ...this.#withIds(data, ids),
      completedAt: this.#now().toISOString(),
    }));
  }

  markFailed(): this {
    return this.apply({ type: 'payment_failed' });
  }

  retry(): this {
    return this.apply({ type: 'retry' });
  }

  expire(): this {
    return this.apply({ type: 'expire' });
  }

  cancel(): this {
    return this.apply({ type: 'cancel' });
  }

  /** Sets the provider of a session created without one, before the payment step only. */
  assignProvider(providerId: string): this {
    if (this.amountLocked || isTerminalState(this.state)) {
      throw new CheckoutError(
        'provider_locked',
        `The provider of session ${this.id} is fixed once payment has started`,
        { state: this.state },
      );
    }
    this.#data = { ...this.#data, provider: providerId };
    return this;
  }

  /** Changes the amount (e.g. a shipping rate chosen) before the payment step only. */
  updateAmount(amount: number, currency: string = this.#data.currency): this {
    if (this.amountLocked || isTerminalState(this.state)) {
      throw new CheckoutError(
        'amount_locked',
        `Amount and currency of session ${this.id} are fixed once payment has started`,
        { state: this.state },
      );
    }
    const money = moneyOrZeroSchema.safeParse({ amount, currency: currencySchema.parse(currency) });
    if (!money.success) {
      throw new CheckoutError('invalid_input', `Invalid money: ${money.error.issues[0]?.message}`);
    }
    this.#data = { ...this.#data, amount: money.data.amount, currency: money.data.currency };
    return this;
  }

  /**
   * Applies one event: checks the clock, runs the pure transition, then records it. Throws a
   * `CheckoutError` (`session_expired`, `invalid_transition`) and leaves the session unchanged.
   */
  apply(event: CheckoutEvent, update?: (data: CheckoutSnapshot) => CheckoutSnapshot): this {
    const from = this.#data.state;
    // once the clock has expired it, only recording that expiry is allowed
    if (event.type !== 'expire' && this.isExpiredByClock()) {
      throw new CheckoutError(
        'session_expired',
        `Session ${this.id} expired at ${this.#data.expiresAt}; event "${event.type}" refused`,
        { state: 'expired', event: event.type },
      );
    }
    const result = transition(from, event);
    if (!result.ok) throw result.error;
    const at = this.#now().toISOString();
    let next = update ? update(this.#data) : this.#data;
    const entersPayment = result.state === 'payment' && from !== 'payment';
    next = {
      ...next,
      state: result.state,
      attempt: entersPayment ? next.attempt + 1 : next.attempt,
      paymentStartedAt: next.paymentStartedAt ?? (entersPayment ? at : null),
      history: [...next.history, { from, to: result.state, event: event.type, at }],
    };
    this.#data = next;
    return this;
  }

  /** True when the clock, not an event, has ended the session. */
  isExpiredByClock(): boolean {
    return (
      EXPIRES_BY_CLOCK.includes(this.#data.state) &&
      this.#now().getTime() >= Date.parse(this.#data.expiresAt)
    );
  }

  #withIds(
    data: CheckoutSnapshot,
    ids: { providerSessionId?: string; providerPaymentId?: string },
  ): CheckoutSnapshot {
    return {
      ...data,
      providerSessionId: ids.providerSessionId ?? data.providerSessionId,
      providerPaymentId: ids.providerPaymentId ?? data.providerPaymentId,
    };
  }
}

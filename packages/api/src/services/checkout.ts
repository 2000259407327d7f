import type { CheckoutLineItem } from '@prood/checkout';
import {
  advanceOrderAttempt,
  type Executor,
  endPaymentAttempts,
  getOrder,
  getOrderWithLatestAttempt,
  getOrganization,
  isPaidStatus,
  listOrderItems,
  listPrices,
  type Order,
  type OrderItem,
  openPaymentAttempt,
  type PaymentAttempt,
  type Price,
  priceIdsOf,
  reservePaymentAttempt,
  setOrderCheckoutSession,
} from '@prood/db';
import type { CheckoutOrderView } from '@prood/validators';
import { ApiError, notFound } from '../errors';
import { transitionOrder } from '../events/emit';
import { lockOrder } from '../payments/order-effects';
import type { RestContext } from '../rest/endpoint';
import type { CheckoutSessionInfo } from './checkout-app-client';

/**
 * What the provider shows for one order line. Line totals already include discount and tax, so
 * the provider's sum equals the order total; a line whose total does not divide evenly by its
 * quantity is sent as one unit named "title × quantity".
 */
function toCheckoutLineItem(item: OrderItem, price: Price | undefined): CheckoutLineItem {
  const even = item.lineTotal % item.quantity === 0;
  return {
    name: even ? item.title : `${item.title} × ${item.quantity}`,
    unitAmount: even ? item.lineTotal / item.quantity : item.lineTotal,
    quantity: even ? item.quantity : 1,
    ...(price?.type === 'recurring' && price.recurringInterval
      ? {
          recurring: {
            interval: price.recurringInterval,
            intervalCount: price.recurringIntervalCount ?? 1,
          },
        }
      : {}),
  };
}

/**
 * What a provider is asked to charge for an order: its lines (totals from the database) and
 * whether it is a subscription. Used when the shopper starts paying on the checkout app.
 */
export async function checkoutLinesForOrder(
  db: Executor,
  scope: { tenantId: string; orderId: string },
): Promise<{ mode: 'payment' | 'subscription'; lineItems: CheckoutLineItem[] }> {
  const items = await listOrderItems(db, scope);
  const priceRows = items.length
    ? await listPrices(db, { tenantId: scope.tenantId, priceIds: priceIdsOf(items) })
    : [];
  return {
    mode: priceRows.some((p) => p.type === 'recurring') ? 'subscription' : 'payment',
    lineItems: items.map((item) =>
      toCheckoutLineItem(
        item,
        priceRows.find((p) => p.id === item.priceId),
      ),
    ),
  };
}

/** Rounds of waiting for another request that is opening this order's next session. */
const START_ROUNDS = 50;
const START_WAIT_MS = 100;
/** A reservation older than this was left by a request that died: the next one may replace it. */
const STALE_RESERVATION_MS = 30_000;

function assertPayable(order: Order): void {
  if (isPaidStatus(order.status)) {
    throw new ApiError('order_already_paid', 'This order has already been paid.', {
      status: order.status,
    });
  }
  if (order.status === 'CANCELED') {
    throw new ApiError('order_not_payable', 'This order was canceled; create a new order.');
  }
}

const processing = () =>
  new ApiError('order_not_payable', 'A payment for this order is still being processed.');

/**
 * Starts (or resumes) checkout for an order: reserve, call, settle, with no row lock held while
 * the checkout app is asked. An open session is returned again (concurrent calls for one order
 * all get the same one); a paid one answers 409 `order_already_paid`; an expired or failed one
 * starts a new attempt; naming another provider moves the order to a new session and cancels
 * the open one, so an order never has two. The amount and currency always come from the order.
 */
export async function startCheckout(
  ctx: RestContext,
  orderId: string,
  options: {
    provider?: string | undefined;
    flow?: 'hosted' | 'embedded' | undefined;
    expiresIn?: number | undefined;
  },
): Promise<CheckoutSessionInfo & { orderId: string }> {
  const scope = { tenantId: ctx.tenantId, orderId };
  for (let round = 0; round < START_ROUNDS; round += 1) {
    // the order and its latest attempt in one statement: one snapshot, so a settle in between
    // is never half seen, and one round trip
    const read = await getOrderWithLatestAttempt(ctx.db, scope);
    if (!read) throw notFound('order');
    const { order, latest } = read;
    assertPayable(order);

    if (order.checkoutSessionId) {
      const existing = await ctx.checkoutApp.getSession(ctx.tenantId, order.checkoutSessionId);
      if (existing?.status === 'complete') {
        if (existing.paymentStatus !== 'unpaid') {
          throw new ApiError('order_already_paid', 'This order has already been paid.');
        }
        throw processing();
      }
      if (existing?.status === 'open') {
        if (!options.provider || options.provider === order.provider) {
          return { ...existing, orderId };
        }
        // another provider: the open session is ended before the new one opens
        const canceled = await ctx.checkoutApp.cancelSession(ctx.tenantId, existing.id);
        if (canceled.outcome === 'complete') throw processing();
      }
    }

    if (
      latest?.status === 'starting' &&
      latest.attempt === order.attempt &&
      Date.now() - latest.createdAt.getTime() < STALE_RESERVATION_MS
    ) {
      // another request is opening this order's session right now: wait for it
      await new Promise((resolve) => setTimeout(resolve, START_WAIT_MS));
      continue;
    }

    const attempt = order.attempt + 1;
    const provider = options.provider ?? order.provider;
    const reserved = await reserveCheckoutAttempt(ctx, order, attempt, provider);
    if (!reserved) continue;

    let session: CheckoutSessionInfo;
    try {
      session = await ctx.checkoutApp.createSession({
        tenantId: ctx.tenantId,
        orderId,
        attempt,
        amount: order.total,
        currency: order.currency,
        customerInfo: {
          name: order.customer.name,
          email: order.customer.email,
          phone: order.customer.phone ?? null,
        },
        fulfillment: {
          method: order.fulfillment,
          address: order.customer.address ?? null,
          appointmentAt: order.appointmentAt?.toISOString() ?? null,
        },
        returnUrl: order.returnUrl,
        provider: options.provider,
        flow: options.flow,
        expiresIn: options.expiresIn,
      });
    } catch (error) {
      await endPaymentAttempts(ctx.db, scope);
      throw error;
    }

    const settled = await ctx.db
      .transaction(async (tx) => {
        // the order's lock and the three writes go out together, behind BEGIN: one round trip;
        // the writes run after the lock is held, and when the order has moved meanwhile they
        // are rolled back
        const [current] = await Promise.all([
          lockOrder(tx, scope),
          setOrderCheckoutSession(tx, {
            ...scope,
            attempt,
            checkoutSessionId: session.id,
            provider,
          }),
          openPaymentAttempt(tx, {
            tenantId: ctx.tenantId,
            attemptId: reserved.id,
            checkoutSessionId: session.id,
            provider,
          }),
          endPaymentAttempts(tx, { ...scope, keepAttemptId: reserved.id }),
        ]);
        if (
          !current ||
          current.attempt !== attempt ||
          isPaidStatus(current.status) ||
          current.status === 'CANCELED'
        ) {
          throw new Superseded(current);
        }
        return undefined;
      })
      .catch((error: unknown) => {
        if (error instanceof Superseded) return error.order ?? null;
        throw error;
      });
    if (settled !== undefined) {
      // canceled, paid or superseded while the session was opened: nobody may pay this one
      await ctx.checkoutApp.cancelSession(ctx.tenantId, session.id);
      if (!settled) throw notFound('order');
      assertPayable(settled);
      continue;
    }
    ctx.logger.info({ orderId, sessionId: session.id, attempt }, 'checkout started');
    return { ...session, orderId };
  }
  throw new ApiError('checkout_unavailable', 'Checkout for this order is busy; try again.');
}

/**
 * Reserves attempt `attempt` (one writer wins, by the attempts' unique key) and moves a FAILED
 * order back to PENDING for it, in one short transaction.
 */
async function reserveCheckoutAttempt(
  ctx: RestContext,
  order: Order,
  attempt: number,
  provider: string | null,
): Promise<PaymentAttempt | undefined> {
  const scope = { tenantId: ctx.tenantId, orderId: order.id };
  return ctx.db
    .transaction(async (tx) => {
      // the reservation and the order's compare-and-set go out together, behind BEGIN: one
      // round trip; either failing rolls both back
      const [reserved, bumped] = await Promise.all([
        reservePaymentAttempt(tx, { ...scope, attempt, provider }),
        advanceOrderAttempt(tx, { ...scope, attempt }),
      ]);
      if (!reserved) throw new LostReservation();
      if (bumped === 'FAILED') {
        // a new attempt after a failure: FAILED → PENDING
        await transitionOrder(tx, { ...scope, from: ['FAILED'], to: 'PENDING' });
      }
      if (bumped === undefined) throw new LostReservation();
      return reserved;
    })
    .catch((error: unknown) => {
      if (error instanceof LostReservation) return undefined;
      throw error;
    });
}

/** Rolls a reservation back when the order moved meanwhile. */
class LostReservation extends Error {}

/** Rolls a settle back when the order moved while its session was opened; carries the order. */
class Superseded extends Error {
  constructor(readonly order: Order | undefined) {
    super('superseded');
  }
}

/**
 * What the checkout app shows and charges for one order (`GET /internal/orders/{id}` on the
 * API): its lines, mode, merchant and whether it is paid. Another tenant's order is 404.
 *
 * @example
 * const view = await getCheckoutOrderView(db, { tenantId: 'org_…', orderId: 'ord_…' }); // { paid: false, lineItems: [...] }
 */
export async function getCheckoutOrderView(
  db: Executor,
  scope: { tenantId: string; orderId: string },
): Promise<CheckoutOrderView> {
  const [order, organization] = await Promise.all([
    getOrder(db, scope),
    getOrganization(db, { tenantId: scope.tenantId }),
  ]);
  if (!order || !organization) throw notFound('order');
  const { mode, lineItems } = await checkoutLinesForOrder(db, scope);
  return {
    orderId: order.id,
    status: order.status,
    paid: isPaidStatus(order.status),
    canceled: order.status === 'CANCELED',
    mode,
    lineItems,
    merchant: { name: organization.name },
  };
}

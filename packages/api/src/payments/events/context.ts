import type { NormalizedPaymentEvent } from '@prood/checkout';
import type { Executor, Order } from '@prood/db';
import type { JobEnqueuer } from '../../jobs/queues';
import { findOrderIdForEvent, lockOrder } from '../order-effects';

/** What an event handler runs with: the open transaction and where to put side-effect jobs. */
export interface EventContext {
  tx: Executor;
  tenantId: string;
  /** The provider that sent the event (from the route, already verified). */
  provider: string;
  /** The stored event's key: provider event id, or `confirm:…` / `reconcile:…` for look-ups. */
  eventKey: string;
  jobs: JobEnqueuer;
  /**
   * Order locks already asked for, by order id: the caller sent the lock together with the
   * event's insert (one round trip). `lockEventOrder` takes each at most once.
   */
  prelocked?: Map<string, Promise<Order | undefined>>;
  /**
   * Writes a handler sent but did not wait for; the caller awaits them together with its own
   * last statements (one round trip) before the transaction commits. Without it, handlers wait.
   */
  pending?: Promise<unknown>[];
}

/** Waits for a write now, or hands it to the caller's last round trip (`ctx.pending`). */
export async function settleLater(ctx: EventContext, write: Promise<unknown>): Promise<void> {
  if (ctx.pending) ctx.pending.push(write);
  else await write;
}

/** What applying one event did, for the response log and tests. */
export interface AppliedEffect {
  type: NormalizedPaymentEvent['type'];
  orderId?: string | undefined;
  /** e.g. `paid`, `failed`, `canceled`, `ignored`, `review`, `refund_recorded`, `order_not_found`. */
  outcome: string;
  status?: string | undefined;
}

export type EventHandler<T extends NormalizedPaymentEvent> = (
  ctx: EventContext,
  event: T,
) => Promise<AppliedEffect>;

/**
 * Finds the order an event is about (by our metadata, else by the provider's ids) and locks its
 * row for the rest of the transaction, so concurrent events for one order apply one at a time.
 */
export async function lockEventOrder(
  ctx: EventContext,
  event: NormalizedPaymentEvent,
): Promise<Order | undefined> {
  // the usual case, our order id in the metadata: find and lock in one statement
  if (event.orderId) {
    const early = ctx.prelocked?.get(event.orderId);
    ctx.prelocked?.delete(event.orderId);
    const order = await (early ??
      lockOrder(ctx.tx, { tenantId: ctx.tenantId, orderId: event.orderId }));
    if (order) return order;
  }
  const orderId = await findOrderIdForEvent(ctx.tx, ctx.tenantId, {
    ...event,
    orderId: undefined,
    provider: ctx.provider,
  });
  return orderId ? lockOrder(ctx.tx, { tenantId: ctx.tenantId, orderId }) : undefined;
}

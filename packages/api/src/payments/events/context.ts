import type { NormalizedPaymentEvent } from '@prood/checkout';
import type { Executor } from '@prood/db';
import type { JobEnqueuer } from '../../jobs/queues';

/** What an event handler runs with: the open transaction and where to put side-effect jobs. */
export interface EventContext {
  tx: Executor;
  tenantId: string;
  /** The provider that sent the event (from the route, already verified). */
  provider: string;
  /** The stored event's key: provider event id, or `confirm:…` / `reconcile:…` for look-ups. */
  eventKey: string;
  jobs: JobEnqueuer;
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

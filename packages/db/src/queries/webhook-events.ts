import { newId } from '@prood/validators';
import type { Executor } from '../client';
import { webhookEvents } from '../schema';
import type { TenantScope } from './scope';

export type WebhookEvent = typeof webhookEvents.$inferSelect;

/**
 * Records a provider event once. Returns the new row, or undefined when the same
 * (tenant, provider, event id) was already stored — the caller then acknowledges and stops.
 */
export async function recordWebhookEvent(
  db: Executor,
  input: TenantScope & {
    provider: string;
    eventId: string;
    type: string;
    normalized?: unknown[];
    /** Set when the caller applies the event in the same transaction (saves an UPDATE). */
    handledAt?: Date;
  },
): Promise<WebhookEvent | undefined> {
  const [row] = await db
    .insert(webhookEvents)
    .values({
      id: newId('event'),
      tenantId: input.tenantId,
      provider: input.provider,
      eventId: input.eventId,
      type: input.type,
      normalized: input.normalized ?? [],
      handledAt: input.handledAt ?? null,
    })
    .onConflictDoNothing({
      target: [webhookEvents.tenantId, webhookEvents.provider, webhookEvents.eventId],
    })
    .returning();
  return row;
}

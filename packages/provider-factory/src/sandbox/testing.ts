import type { NormalizedPaymentEvent, PaymentProvider } from '@prood/checkout';
import type { SandboxDelivery } from './model';
import { signSandboxWebhook } from './signing';
import type { SandboxStore } from './store';

/**
 * Test helper: takes the sandbox's queued (undelivered) webhooks, signs each as delivery would,
 * and runs it through `provider.parseWebhook`, returning the normalized events in order.
 */
export async function drainSandboxEvents(
  store: SandboxStore,
  provider: PaymentProvider,
  options: { tenantId: string; secret: string },
): Promise<NormalizedPaymentEvent[]> {
  const pending = await store.find<SandboxDelivery>('delivery', {
    tenantId: options.tenantId,
    match: { status: 'pending' },
    limit: 1000,
  });
  const events: NormalizedPaymentEvent[] = [];
  for (const record of pending) {
    const headers = signSandboxWebhook({
      secret: options.secret,
      id: record.data.eventId,
      timestamp: new Date(),
      payload: record.data.payload,
    });
    const parsed = await provider.parseWebhook({
      rawBody: record.data.payload,
      headers,
      tenantId: options.tenantId,
    });
    events.push(...parsed.events);
    await store.update('delivery', record, { ...record.data, status: 'delivered' });
  }
  return events;
}

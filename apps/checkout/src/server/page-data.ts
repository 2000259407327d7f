import 'server-only';
import { CheckoutSession, type CheckoutSnapshot } from '@prood/checkout';
import { checkoutPageState, loadSession } from '@prood/checkout-host';
import { getDatabase, getIntegration } from '@prood/db';
import { notFound } from 'next/navigation';
import { getCheckoutOrderView } from './commerce-api';
import { getTenant } from './context';

/** Loads a session for a hosted page; unknown or malformed ids are a plain 404. */
export async function loadPageSession(id: string) {
  let snapshot: CheckoutSnapshot | null = null;
  try {
    snapshot = await loadSession(id);
  } catch {
    snapshot = null;
  }
  if (!snapshot) notFound();
  const session = CheckoutSession.hydrate(snapshot);
  // the order decides what the page shows once it is paid (or canceled), not the session
  const order = snapshot.orderId
    ? await getCheckoutOrderView(snapshot.tenantId, snapshot.orderId)
    : null;
  const tenant = await getTenant(snapshot.tenantId);
  const integration = snapshot.provider
    ? await getIntegration(getDatabase(), {
        tenantId: snapshot.tenantId,
        provider: snapshot.provider,
      })
    : undefined;
  return {
    snapshot,
    session,
    order,
    state: checkoutPageState(snapshot, order),
    merchant: order?.merchant.name ?? tenant?.name ?? 'Checkout',
    testMode: !integration || integration.mode === 'test',
  };
}

import 'server-only';
import { CheckoutSession, type CheckoutSnapshot } from '@prood/checkout';
import { loadSession } from '@prood/checkout-host';
import { getDatabase, getIntegration } from '@prood/db';
import { notFound } from 'next/navigation';
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
    merchant: tenant?.name ?? 'Checkout',
    testMode: !integration || integration.mode === 'test',
  };
}

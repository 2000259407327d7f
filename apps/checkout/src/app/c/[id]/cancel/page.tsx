import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { STORE_DOWN_HEADER } from '../../../../i18n/headers';
import { loadCheckoutView } from '../../../../server/checkout-view';

export const dynamic = 'force-dynamic';

/**
 * A provider's "cancel": back to the store's cancel URL (checked against the tenant's allowed
 * origins when the order was created), else back to the checkout.
 */
export default async function CancelPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const storeDown = (await headers()).get(STORE_DOWN_HEADER) === '1';
  const loaded = await loadCheckoutView(id, false, storeDown);
  const cancelUrl = loaded.found ? loaded.view.order?.order.cancelUrl : null;
  redirect(cancelUrl ?? `/c/${id}`);
}

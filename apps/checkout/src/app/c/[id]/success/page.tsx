import { CheckoutShell } from '../../../../components/shell';
import { loadPageSession } from '../../../../server/page-data';

export const dynamic = 'force-dynamic';

/**
 * Where the provider returns the shopper. The webhook decides the order; this page shows the
 * state and hands the shopper back to the shop with ids it can confirm with the API.
 */
export default async function SuccessPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { snapshot, state, merchant, testMode } = await loadPageSession(id);
  const paid = state === 'paid';
  const back = new URL(snapshot.returnUrl);
  back.searchParams.set('session_id', id);
  if (snapshot.orderId) back.searchParams.set('order_id', snapshot.orderId);
  const ownPage = back.pathname.startsWith('/c/');
  return (
    <CheckoutShell
      merchant={merchant}
      testMode={testMode}
      title={paid ? 'Thank you!' : 'Payment received'}
    >
      <p data-testid="payment-state">
        {paid
          ? 'Your payment is confirmed.'
          : 'We are confirming your payment with the bank. This page updates by itself.'}
      </p>
      {paid ? null : <meta httpEquiv="refresh" content="3" />}
      {ownPage ? null : (
        <p>
          <a href={back.toString()}>Back to {merchant}</a>
        </p>
      )}
    </CheckoutShell>
  );
}

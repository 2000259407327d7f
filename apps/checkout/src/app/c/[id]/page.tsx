import { formatMinorUnits } from '@prood/checkout';
import { redirect } from 'next/navigation';
import { buttonStyle, CheckoutShell } from '../../../components/shell';
import { loadPageSession } from '../../../server/page-data';
import { linesForSession } from '../../../server/payment';
import { startPaymentAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function CheckoutPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { id } = await props.params;
  const { error } = await props.searchParams;
  const { snapshot, order, state, merchant, testMode } = await loadPageSession(id);
  if (state === 'paid' || state === 'processing') redirect(`/c/${id}/success`);
  if (state === 'expired') redirect(`/c/${id}/expired`);
  const { lineItems } = order ?? (await linesForSession(snapshot));
  const money = (amount: number) =>
    `${formatMinorUnits(amount, snapshot.currency)} ${snapshot.currency}`;

  return (
    <CheckoutShell merchant={merchant} testMode={testMode} title="Checkout">
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {lineItems.map((item, index) => (
          <li
            key={index}
            style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0' }}
          >
            <span>
              {item.name}
              {item.quantity > 1 ? ` × ${item.quantity}` : ''}
            </span>
            <span>{money(item.unitAmount * item.quantity)}</span>
          </li>
        ))}
      </ul>
      <p
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          fontWeight: 600,
          borderTop: '1px solid #eee',
          paddingTop: 8,
        }}
      >
        <span>Total</span>
        <span data-testid="total">{money(snapshot.amount)}</span>
      </p>
      {snapshot.customerInfo.email ? (
        <p style={{ color: '#555' }}>Receipt to {snapshot.customerInfo.email}</p>
      ) : null}
      {error ? (
        <p role="alert" style={{ color: '#b00020' }}>
          {error}
        </p>
      ) : null}
      <form action={startPaymentAction.bind(null, id)}>
        <button type="submit" style={buttonStyle}>
          Pay {money(snapshot.amount)}
        </button>
      </form>
      <p style={{ color: '#888', fontSize: 13 }}>
        Expires {new Date(snapshot.expiresAt).toLocaleString('en')}
      </p>
    </CheckoutShell>
  );
}

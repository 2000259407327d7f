import { formatMinorUnits, ProviderError } from '@prood/checkout';
import { getSandboxCheckout, type SandboxCheckoutView } from '@prood/provider-factory';
import { notFound, redirect } from 'next/navigation';
import { buttonStyle, CheckoutShell } from '../../../../components/shell';
import { getSandboxRuntime, getTenant } from '../../../../server/context';
import { authenticateAction, payWithCardAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sandbox payment (test mode)' };

/** The offline sandbox provider's hosted payment page. Always test mode. */
export default async function SandboxPayPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { id } = await props.params;
  const { error } = await props.searchParams;
  let view: SandboxCheckoutView;
  try {
    view = await getSandboxCheckout(getSandboxRuntime(), { sandboxSessionId: id });
  } catch (e) {
    if (e instanceof ProviderError) notFound();
    throw e;
  }
  if (view.status === 'complete' && !view.processing) redirect(view.successUrl);
  const tenant = await getTenant(view.tenantId);
  const merchant = `${tenant?.name ?? 'Merchant'} · sandbox`;
  const total = `${formatMinorUnits(view.amount, view.currency)} ${view.currency}`;

  if (view.status === 'expired') {
    return (
      <CheckoutShell merchant={merchant} testMode title="This payment has expired">
        <p>Nothing was charged.</p>
      </CheckoutShell>
    );
  }
  if (view.processing) {
    return (
      <CheckoutShell merchant={merchant} testMode title="Processing your payment">
        <meta httpEquiv="refresh" content="2" />
        <p data-testid="sandbox-processing">
          The bank is processing {total}. This page updates by itself.
        </p>
        <p>
          <a href={view.successUrl}>Continue</a>
        </p>
      </CheckoutShell>
    );
  }
  if (view.requiresAction) {
    return (
      <CheckoutShell merchant={merchant} testMode title="Confirm this payment">
        <p>Your bank asks you to confirm the payment of {total}.</p>
        <form action={authenticateAction.bind(null, id, true)} style={{ marginBottom: 8 }}>
          <button type="submit" style={buttonStyle}>
            Complete authentication
          </button>
        </form>
        <form action={authenticateAction.bind(null, id, false)}>
          <button type="submit" style={{ ...buttonStyle, background: '#888' }}>
            Fail authentication
          </button>
        </form>
      </CheckoutShell>
    );
  }
  return (
    <CheckoutShell merchant={merchant} testMode title={`Pay ${total}`}>
      <form action={payWithCardAction.bind(null, id)} style={{ display: 'grid', gap: 12 }}>
        <label>
          Card number
          <input
            name="cardNumber"
            defaultValue="4242 4242 4242 4242"
            inputMode="numeric"
            autoComplete="off"
            required
            style={{ display: 'block', width: '100%', padding: 8, fontSize: 16 }}
          />
        </label>
        {error ? (
          <p role="alert" style={{ color: '#b00020', margin: 0 }}>
            {error}
          </p>
        ) : null}
        <button type="submit" style={buttonStyle}>
          Pay {total}
        </button>
      </form>
      <p style={{ marginTop: 16, fontWeight: 600 }}>Test cards</p>
      <ul style={{ paddingLeft: 18, color: '#444' }}>
        {view.testCards.map((card) => (
          <li key={card.number}>
            <code>{card.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> — {card.description}
          </li>
        ))}
      </ul>
      <p>
        <a href={view.cancelUrl}>Cancel and go back</a>
      </p>
    </CheckoutShell>
  );
}

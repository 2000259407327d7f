import { redirect } from 'next/navigation';
import { formatMoney } from '../components/money';
import { getTrpc, isUnauthorized } from '../server/trpc';

export const dynamic = 'force-dynamic';

const cell = { padding: '6px 10px', borderBottom: '1px solid #eee', textAlign: 'left' as const };

export default async function Overview() {
  const trpc = await getTrpc();
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(trpc);
  } catch (error) {
    if (isUnauthorized(error)) redirect('/sign-in');
    throw error;
  }
  const { organization, integrations, orders, products } = data;
  return (
    <main style={{ maxWidth: 1000, margin: '2rem auto', padding: '0 1rem' }}>
      <h1>{organization.name}</h1>
      <nav style={{ marginBottom: 12 }}>
        <a href="/settings">Settings</a> · <a href="/outbox">Mail outbox</a>
      </nav>
      <p>
        Payment providers:{' '}
        {integrations.map((i) => (
          <span key={i.id} style={{ marginRight: 12 }}>
            {i.provider} {i.mode === 'test' ? <strong>(test mode)</strong> : '(live)'}
          </span>
        ))}
      </p>
      <h2>Recent orders</h2>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={cell}>Reference</th>
            <th style={cell}>Status</th>
            <th style={cell}>Customer</th>
            <th style={cell}>Total</th>
            <th style={cell}>Created</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td style={cell}>{o.reference}</td>
              <td style={cell}>{o.status}</td>
              <td style={cell}>{o.customer.name}</td>
              <td style={cell}>{formatMoney(o.total, o.currency)}</td>
              <td style={cell}>{new Date(o.createdAt).toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {orders.length === 0 ? <p>No orders yet.</p> : null}
      <h2>Products</h2>
      <ul>
        {products.map((p) => (
          <li key={p.id}>
            {p.name}
            {p.active ? '' : ' (inactive)'} —{' '}
            {p.prices.map((price) => formatMoney(price.unitAmount, price.currency)).join(', ')}
            {p.trackStock ? ` · ${p.stock ?? 0} in stock` : ''}
          </li>
        ))}
      </ul>
    </main>
  );
}

async function load(trpc: Awaited<ReturnType<typeof getTrpc>>) {
  const [organization, integrations, orders, products] = await Promise.all([
    trpc.settings.organization.query(),
    trpc.settings.integrations.query(),
    trpc.orders.list.query({ limit: 20 }),
    trpc.catalog.list.query(),
  ]);
  return { organization, integrations, orders, products };
}

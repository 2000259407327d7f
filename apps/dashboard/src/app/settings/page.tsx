import { redirect } from 'next/navigation';
import { getTrpc, isUnauthorized } from '../../server/trpc';
import { revokeApiKeyAction, setIntegrationEnabledAction } from './actions';
import { CreateKeyForm } from './create-key-form';
import { ProviderConnectForm } from './provider-connect-form';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'prood · Settings' };

export default async function Settings(props: {
  searchParams: Promise<{ error?: string; notice?: string }>;
}) {
  const { error, notice } = await props.searchParams;
  const trpc = await getTrpc();
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(trpc);
  } catch (e) {
    if (isUnauthorized(e)) redirect('/sign-in');
    throw e;
  }
  const { integrations, keys, providers } = data;
  return (
    <main style={{ maxWidth: 900, margin: '2rem auto', padding: '0 1rem' }}>
      <p>
        <a href="/">← Overview</a>
      </p>
      <h1>Settings</h1>
      {error ? (
        <p role="alert" style={{ color: '#b00020' }}>
          {error}
        </p>
      ) : null}
      {notice ? <p style={{ color: '#0a6' }}>{notice}</p> : null}

      <h2>Payment providers</h2>
      <ul>
        {integrations.map((i) => (
          <li key={i.id} style={{ marginBottom: 8 }}>
            <strong>{i.provider}</strong> · {i.mode === 'test' ? 'test mode' : 'live'} ·{' '}
            {i.enabled ? 'enabled' : 'disabled'} ·{' '}
            {Object.entries(i.credentials)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}
            <form
              action={setIntegrationEnabledAction.bind(null, i.provider, !i.enabled)}
              style={{ display: 'inline', marginLeft: 8 }}
            >
              <button type="submit">
                {i.enabled ? 'Disable' : 'Enable'} {i.provider}
              </button>
            </form>
            <br />
            <small>
              Webhook endpoint: <code>{i.webhookUrl}</code>
            </small>
          </li>
        ))}
      </ul>
      <div className="my-6 grid max-w-xl gap-4">
        {providers.map((spec) => (
          <ProviderConnectForm key={spec.id} spec={spec} />
        ))}
      </div>

      <h2>API keys</h2>
      <ul>
        {keys.map((k) => (
          <li key={k.id}>
            {k.name} · <code>{k.displayPrefix}</code> · {k.mode}
            {k.lastUsedAt
              ? ` · last used ${new Date(k.lastUsedAt).toLocaleString('en')}`
              : ' · never used'}
            {k.revokedAt ? (
              ' · revoked'
            ) : (
              <form
                action={revokeApiKeyAction.bind(null, k.id)}
                style={{ display: 'inline', marginLeft: 8 }}
              >
                <button type="submit">Revoke</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <CreateKeyForm />
    </main>
  );
}

async function load(trpc: Awaited<ReturnType<typeof getTrpc>>) {
  const [integrations, keys, providers] = await Promise.all([
    trpc.settings.integrations.query(),
    trpc.settings.apiKeys.query(),
    trpc.settings.providers.query(),
  ]);
  return { integrations, keys, providers };
}

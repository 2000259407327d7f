import { redirect } from 'next/navigation';
import { getTrpc, isUnauthorized } from '../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'prood · Mail outbox' };

/** The dev outbox: every mail the platform sent or, without SMTP, only captured. */
export default async function Outbox() {
  const trpc = await getTrpc();
  let mails: Awaited<ReturnType<typeof trpc.settings.outbox.query>>;
  try {
    mails = await trpc.settings.outbox.query({ limit: 50 });
  } catch (error) {
    if (isUnauthorized(error)) redirect('/sign-in');
    throw error;
  }
  return (
    <main style={{ maxWidth: 900, margin: '2rem auto', padding: '0 1rem' }}>
      <p>
        <a href="/">← Overview</a>
      </p>
      <h1>Mail outbox</h1>
      {mails.length === 0 ? <p>No mail yet.</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} style={{ borderTop: '1px solid #ddd', padding: '0.75rem 0' }}>
          <p style={{ margin: 0, color: '#555' }}>
            {new Date(mail.createdAt).toLocaleString('en')} · to {mail.to} · {mail.kind} ·{' '}
            {mail.transport === 'outbox' ? 'captured (not sent)' : 'sent by SMTP'}
          </p>
          <h2 style={{ fontSize: 16, margin: '4px 0' }}>{mail.subject}</h2>
          <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}>
            {mail.text}
          </pre>
        </article>
      ))}
    </main>
  );
}

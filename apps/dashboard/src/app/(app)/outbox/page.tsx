import { Badge, Card, CardContent, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Mail outbox · prood' };

type Mail = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  transport: 'outbox' | 'smtp';
  createdAt: Date;
};

function MailList({ mails, empty }: { mails: Mail[]; empty: string }) {
  if (mails.length === 0) return <EmptyState title={empty} />;
  return (
    <ul className="divide-y divide-border">
      {mails.map((mail) => (
        <li key={mail.id} className="py-4" data-testid="mail">
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
            <span>{new Date(mail.createdAt).toLocaleString('en')}</span>
            <span className="break-all">to {mail.to}</span>
            <Badge>{mail.kind.replaceAll('_', ' ')}</Badge>
            <Badge tone={mail.transport === 'outbox' ? 'neutral' : 'success'}>
              {mail.transport === 'outbox' ? 'captured, not sent' : 'sent by SMTP'}
            </Badge>
          </p>
          <h3 className="mt-1 font-medium">{mail.subject}</h3>
          <pre className="mt-1 whitespace-pre-wrap break-words font-sans text-sm">{mail.text}</pre>
        </li>
      ))}
    </ul>
  );
}

/** The dev outbox: every mail the platform sent or, without SMTP, only captured. */
export default async function Outbox() {
  const { accountMail, tenantMail } = await loadPage(async (trpc) => {
    const [accountMail, tenantMail] = await Promise.all([
      trpc.account.mail.query({ limit: 20 }),
      trpc.settings.outbox.query({ limit: 50 }),
    ]);
    return { accountMail, tenantMail };
  });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Mail outbox"
        description="Every mail the platform sent. Without an SMTP server, mail is only captured here."
      />
      <Card>
        <CardHeader>
          <CardTitle>Your account</CardTitle>
        </CardHeader>
        <CardContent>
          <MailList mails={accountMail} empty="No account mail yet" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>This organization</CardTitle>
        </CardHeader>
        <CardContent>
          <MailList mails={tenantMail} empty="No mail yet" />
        </CardContent>
      </Card>
    </div>
  );
}

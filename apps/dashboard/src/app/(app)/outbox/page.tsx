import { Badge, Card, CardContent, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import { notFound } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../../components/event-time';
import { PageHeader } from '../../../components/page-header';
import { Pager, parsePageCursor } from '../../../components/webhook-ui';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('outbox.meta');
  return { title: t('title') };
}

type Mail = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  transport: 'outbox' | 'smtp';
  createdAt: Date;
};

/** The message key of each mail kind the platform sends (packages/api's mailer). */
const KIND_KEYS = {
  order_confirmation: 'orderConfirmation',
  order_shipped: 'orderShipped',
  payment_recovery: 'paymentRecovery',
  webhook_endpoint_disabled: 'webhookEndpointDisabled',
  email_verification: 'emailVerification',
  password_reset: 'passwordReset',
  member_invitation: 'memberInvitation',
} as const;

const isKnownKind = (kind: string): kind is keyof typeof KIND_KEYS =>
  Object.hasOwn(KIND_KEYS, kind);

function MailList(props: {
  mails: Mail[];
  empty: string;
  emptyBody?: string | undefined;
  label: string;
}) {
  const { mails } = props;
  const t = useTranslations('outbox');
  if (mails.length === 0) return <EmptyState title={props.empty}>{props.emptyBody}</EmptyState>;
  return (
    <ul className="divide-y divide-border" aria-label={props.label}>
      {mails.map((mail) => (
        <li key={mail.id} className="py-4" data-testid="mail">
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
            <EventTime value={new Date(mail.createdAt).toISOString()} />
            <span className="break-all">{t('to', { address: mail.to })}</span>
            <Badge>
              {isKnownKind(mail.kind)
                ? t(`kinds.${KIND_KEYS[mail.kind]}`)
                : mail.kind.replaceAll('_', ' ')}
            </Badge>
            <Badge tone={mail.transport === 'outbox' ? 'neutral' : 'success'}>
              {mail.transport === 'outbox' ? t('captured') : t('sentBySmtp')}
            </Badge>
          </p>
          <h3 className="mt-1 font-medium">{mail.subject}</h3>
          <pre className="mt-1 whitespace-pre-wrap break-words font-sans text-sm">{mail.text}</pre>
        </li>
      ))}
    </ul>
  );
}

const PAGE_SIZE = 25;

/**
 * The dev outbox: every mail the platform sent or, without SMTP, only captured. The
 * organization's mail goes page by page (keyset, newest first); an account has a handful.
 */
export default async function Outbox(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const cursor = parsePageCursor(await props.searchParams, 'mail');
  if (cursor === null) notFound();
  const { accountMail, page } = await loadPage(async (trpc) => {
    const [accountMail, page] = await Promise.all([
      trpc.account.mail.query({ limit: 20 }),
      // one more than shown: whether a next page exists
      trpc.settings.outbox.query({ limit: PAGE_SIZE + 1, startingAfter: cursor.after }),
    ]);
    return { accountMail, page };
  });
  const tenantMail = page.slice(0, PAGE_SIZE);
  const t = await getTranslations('outbox');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <CardHeader>
          <CardTitle>{t('account')}</CardTitle>
        </CardHeader>
        <CardContent>
          <MailList mails={accountMail} empty={t('emptyAccount')} label={t('accountLabel')} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('organization')}</CardTitle>
        </CardHeader>
        <CardContent>
          <div className="flex flex-col gap-4">
            <MailList
              mails={tenantMail}
              empty={cursor.after ? t('noMoreTitle') : t('emptyOrganization')}
              emptyBody={cursor.after ? t('noMoreBody') : undefined}
              label={t('organizationLabel')}
            />
            <Pager
              path="/outbox"
              filters={{}}
              cursor={cursor}
              lastId={tenantMail.at(-1)?.id}
              hasMore={page.length > PAGE_SIZE}
              label={t('pagesLabel')}
            />
          </div>
        </CardContent>
      </Card>
    </div>
  );
}

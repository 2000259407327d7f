import {
  Alert,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
} from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import { TRPCClientError } from '@trpc/client';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocalTime } from '../../../components/orders/local-time';
import { PageHeader } from '../../../components/page-header';
import { CopyLinkButton, CreatePaymentLinkForm } from '../../../components/payment-link-forms';
import {
  isShareable,
  LinkKindBadge,
  LinkStatusBadge,
  linkAmount,
  linkTitle,
  usesText,
} from '../../../components/payment-link-ui';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('links.list');
  return { title: t('metaTitle') };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function PaymentLinksPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const cursor = one((await props.searchParams).cursor);
  const { page, staleCursor, organization, catalog } = await loadPage(async (trpc) => {
    const [organization, catalog] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.catalog.list.query(),
    ]);
    try {
      return {
        organization,
        catalog,
        page: await trpc.paymentLinks.list.query(cursor ? { cursor } : {}),
        staleCursor: false,
      };
    } catch (error) {
      // an edited or cut page link: the first page, and say so
      if (cursor && error instanceof TRPCClientError && error.data?.code === 'BAD_REQUEST') {
        return {
          organization,
          catalog,
          page: await trpc.paymentLinks.list.query({}),
          staleCursor: true,
        };
      }
      throw error;
    }
  });
  const [t, tv] = await Promise.all([getTranslations('links.list'), getTranslations('links.view')]);
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const prices = catalog
    .filter((product) => product.active)
    .flatMap((product) =>
      product.prices
        .filter((price) => price.active && price.type === 'one_time')
        .map((price) => ({
          id: price.id,
          label: t('priceOption', {
            product: product.name,
            amount: formatMoney(price.unitAmount, price.currency, 'en'),
          }),
        })),
    );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} />
      {staleCursor ? <Alert tone="warning">{t('staleCursor')}</Alert> : null}
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {page.links.length === 0 ? (
            <EmptyState title={t('emptyTitle')} className="m-2">
              {canManage ? t('emptyCanManage') : t('emptyMember')}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label={t('listLabel')}>
              {page.links.map((link) => (
                <li
                  key={link.id}
                  data-testid="link-row"
                  className="flex flex-col gap-2 px-1 py-3 sm:flex-row sm:items-center sm:gap-4"
                >
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                      <Link
                        href={`/links/${link.id}`}
                        className="font-medium tabular-nums underline-offset-4 hover:underline"
                      >
                        {linkAmount(link)}
                        <span className="sr-only">
                          {t('rowLinkLabel', { title: linkTitle(link, tv) })}
                        </span>
                      </Link>
                      <span className="min-w-0 break-words text-sm">{linkTitle(link, tv)}</span>
                    </div>
                    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                      <LinkStatusBadge link={link} />
                      <LinkKindBadge kind={link.kind} />
                      <span>{usesText(link, tv)}</span>
                      <span>
                        {t.rich('created', {
                          time: () => <LocalTime iso={link.createdAt} />,
                        })}
                      </span>
                    </p>
                  </div>
                  {isShareable(link) ? (
                    <div className="flex shrink-0 items-center gap-2">
                      <CopyLinkButton
                        url={link.url}
                        label={t('copyLabel', { title: linkTitle(link, tv) })}
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      {cursor || page.nextCursor ? (
        <nav aria-label={t('pages')} className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href="/links">{t('newest')}</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={`/links?cursor=${encodeURIComponent(page.nextCursor)}`}>
                {t('older')}
              </Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('createTitle')}</CardTitle>
            <CardDescription>{t('createDescription')}</CardDescription>
          </CardHeader>
          <CardContent>
            <CreatePaymentLinkForm
              prices={prices}
              defaultCurrency={organization.defaultCurrency.trim()}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

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
import { LocalTime } from '../../../components/orders/local-time';
import { PageHeader } from '../../../components/page-header';
import { CopyLinkButton, CreatePaymentLinkForm } from '../../../components/payment-link-forms';
import {
  LinkKindBadge,
  LinkStatusBadge,
  linkAmount,
  linkTitle,
  usesText,
} from '../../../components/payment-link-ui';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Payment links · prood' };

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
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const prices = catalog
    .filter((product) => product.active)
    .flatMap((product) =>
      product.prices
        .filter((price) => price.active && price.type === 'one_time')
        .map((price) => ({
          id: price.id,
          label: `${product.name} — ${formatMoney(price.unitAmount, price.currency, 'en')}`,
        })),
    );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Payment links"
        description="Share a link and get paid: no website needed. Every purchase through a link is an order you can find, fulfil and refund."
      />
      {staleCursor ? (
        <Alert tone="warning">That page link is no longer valid: here are the newest links.</Alert>
      ) : null}
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {page.links.length === 0 ? (
            <EmptyState title="No payment links yet" className="m-2">
              {canManage
                ? 'Create one below, then share its URL by email, chat or social media.'
                : 'An owner or admin of your organization can create one.'}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label="Payment links, newest first">
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
                        <span className="sr-only">, payment link {linkTitle(link)}</span>
                      </Link>
                      <span className="min-w-0 break-words text-sm">{linkTitle(link)}</span>
                    </div>
                    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                      <LinkStatusBadge link={link} />
                      <LinkKindBadge kind={link.kind} />
                      <span>{usesText(link)}</span>
                      <span>
                        created <LocalTime iso={link.createdAt} />
                      </span>
                    </p>
                  </div>
                  {link.active ? (
                    <div className="flex shrink-0 items-center gap-2">
                      <CopyLinkButton url={link.url} label={`Copy link: ${linkTitle(link)}`} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      {cursor || page.nextCursor ? (
        <nav aria-label="Pages" className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href="/links">← Newest</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={`/links?cursor=${encodeURIComponent(page.nextCursor)}`}>Older →</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Create payment link</CardTitle>
            <CardDescription>
              The amount always comes from your catalog or from what you type here, never from the
              link.
            </CardDescription>
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

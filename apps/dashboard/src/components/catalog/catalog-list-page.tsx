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
import { TRPCClientError } from '@trpc/client';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PageHeader } from '../page-header';

/** A keyset page as the API answers it. */
export interface KeysetPage<Row> {
  data: Row[];
  nextCursor: string | null;
}

/**
 * Loads one page at `cursor`; a cursor the API refuses (an edited or cut link) loads the first
 * page instead and says so, rather than an error page.
 */
export async function loadKeysetPage<Row>(
  cursor: string | undefined,
  load: (cursor: string | undefined) => Promise<KeysetPage<Row>>,
): Promise<{ page: KeysetPage<Row>; staleCursor: boolean }> {
  try {
    return { page: await load(cursor), staleCursor: false };
  } catch (error) {
    if (cursor && error instanceof TRPCClientError && error.data?.code === 'BAD_REQUEST') {
      return { page: await load(undefined), staleCursor: true };
    }
    throw error;
  }
}

/** The first value of a search parameter. */
export const firstParam = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;

/**
 * One catalog list with its create form: the header, the rows (or the empty state), the keyset
 * page links and, for owners and admins, the card that adds one. Coupons and tax rates are this
 * page with their own rows and form.
 */
export async function CatalogListPage<Row extends { id: string }>(props: {
  path: string;
  title: string;
  description: string;
  listLabel: string;
  page: KeysetPage<Row>;
  cursor: string | undefined;
  staleCursor: boolean;
  renderRow: (row: Row) => ReactNode;
  empty: { title: string; body: string };
  noMoreTitle: string;
  olderLabel: string;
  create: { title: string; description: string; form: ReactNode } | null;
}) {
  const t = await getTranslations('catalog');
  const { page, cursor } = props;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={props.title} description={props.description} />
      {props.staleCursor ? <Alert tone="warning">{t('list.staleCursor')}</Alert> : null}
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {page.data.length === 0 ? (
            cursor ? (
              <EmptyState
                title={props.noMoreTitle}
                className="m-2"
                action={
                  <Link href={props.path} className="text-sm font-medium underline">
                    {t('list.backToNewest')}
                  </Link>
                }
              >
                {t('list.pastTheEnd')}
              </EmptyState>
            ) : (
              <EmptyState title={props.empty.title} className="m-2">
                {props.empty.body}
              </EmptyState>
            )
          ) : (
            <ul aria-label={props.listLabel} className="divide-y divide-border">
              {page.data.map((row) => (
                <li key={row.id}>{props.renderRow(row)}</li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      {cursor || page.nextCursor ? (
        <nav aria-label={t('list.pages')} className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={props.path}>{t('list.newest')}</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={`${props.path}?cursor=${encodeURIComponent(page.nextCursor)}`}>
                {props.olderLabel}
              </Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
      {props.create ? (
        <Card>
          <CardHeader>
            <CardTitle>{props.create.title}</CardTitle>
            <CardDescription>{props.create.description}</CardDescription>
          </CardHeader>
          <CardContent>{props.create.form}</CardContent>
        </Card>
      ) : null}
    </div>
  );
}

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

/** Newest / older links of a keyset list; nothing on a list of one page. */
export async function KeysetPager(props: {
  path: string;
  cursor: string | undefined;
  nextCursor: string | null;
  olderLabel: string;
}) {
  const t = await getTranslations('catalog');
  if (!props.cursor && !props.nextCursor) return null;
  return (
    <nav aria-label={t('list.pages')} className="flex justify-between gap-2">
      {props.cursor ? (
        <Button asChild variant="secondary" size="sm">
          <Link href={props.path}>{t('list.newest')}</Link>
        </Button>
      ) : (
        <span />
      )}
      {props.nextCursor ? (
        <Button asChild variant="secondary" size="sm">
          <Link href={`${props.path}?cursor=${encodeURIComponent(props.nextCursor)}`}>
            {props.olderLabel}
          </Link>
        </Button>
      ) : null}
    </nav>
  );
}

/**
 * One catalog list with its create form: the header, the rows (or the empty state), the keyset
 * page links and, for owners and admins, the card that adds one. Coupons and tax rates are this
 * page with their own rows and form.
 */
export async function CatalogListPage<Row extends { id: string }>(props: {
  /** The list's own messages: title, description, listLabel, empty…, older, create…. */
  namespace: 'coupons' | 'taxRates';
  path: string;
  page: KeysetPage<Row>;
  cursor: string | undefined;
  staleCursor: boolean;
  renderRow: (row: Row) => ReactNode;
  /** The create form, for owners and admins; null for members. */
  form: ReactNode | null;
}) {
  const [t, own] = await Promise.all([
    getTranslations('catalog'),
    getTranslations(props.namespace),
  ]);
  const { page } = props;
  const cursor = props.staleCursor ? undefined : props.cursor;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={own('title')} description={own('description')} />
      {props.staleCursor ? <Alert tone="warning">{t('list.staleCursor')}</Alert> : null}
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {page.data.length === 0 ? (
            cursor ? (
              <EmptyState
                title={own('noMoreTitle')}
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
              <EmptyState title={own('emptyTitle')} className="m-2">
                {props.form ? own('emptyManage') : own('emptyMember')}
              </EmptyState>
            )
          ) : (
            <ul aria-label={own('listLabel')} className="divide-y divide-border">
              {page.data.map((row) => (
                <li key={row.id}>{props.renderRow(row)}</li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <KeysetPager
        path={props.path}
        cursor={cursor}
        nextCursor={page.nextCursor}
        olderLabel={own('older')}
      />
      {props.form ? (
        <Card>
          <CardHeader>
            <CardTitle>{own('createTitle')}</CardTitle>
            <CardDescription>{own('createDescription')}</CardDescription>
          </CardHeader>
          <CardContent>{props.form}</CardContent>
        </Card>
      ) : null}
    </div>
  );
}

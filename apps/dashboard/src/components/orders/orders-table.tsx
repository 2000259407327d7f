'use client';

import { formatMoney } from '@prood/ui';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { LocalTime } from './local-time';
import { OrderStatusBadges, type OrdersT, providerLabel } from './order-status';

/** One row of `orders.page`, as the server component hands it over. */
export interface OrderRow {
  id: string;
  reference: string;
  status: string;
  needsReview: boolean;
  currency: string;
  total: number;
  customerEmail: string;
  customerName: string;
  provider: string | null;
  createdAt: string;
}

const features = tableFeatures({});
const column = createColumnHelper<typeof features, OrderRow>();

function Amount({ order }: { order: OrderRow }) {
  return (
    <span className="whitespace-nowrap font-medium tabular-nums">
      {formatMoney(order.total, order.currency, 'en')}{' '}
      <span className="text-xs font-normal text-muted">{order.currency}</span>
    </span>
  );
}

// one link per row, stretched over the whole row, so the row is the click target and a screen
// reader hears one link: the amount it shows, then the order
const columnsIn = (t: OrdersT) =>
  column.columns([
    column.display({
      id: 'amount',
      header: t('table.amount'),
      cell: ({ row }) => (
        <Link
          href={`/orders/${row.original.id}`}
          className="after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-ring"
        >
          <Amount order={row.original} />
          <span className="sr-only">
            {t('table.orderRef', { reference: row.original.reference })}
          </span>
        </Link>
      ),
    }),
    column.display({
      id: 'status',
      header: t('table.status'),
      cell: ({ row }) => (
        <OrderStatusBadges status={row.original.status} needsReview={row.original.needsReview} />
      ),
    }),
    column.accessor('reference', {
      header: t('table.order'),
      cell: ({ getValue }) => <span className="font-mono text-xs">{getValue()}</span>,
    }),
    column.accessor('customerEmail', {
      header: t('table.customer'),
      // the name too: a search by name shows why the row matched
      cell: ({ getValue, row }) => (
        <span className="block max-w-[16rem]">
          <span className="block truncate">{getValue()}</span>
          <span className="block truncate text-xs text-muted">{row.original.customerName}</span>
        </span>
      ),
    }),
    column.accessor('createdAt', {
      header: t('table.created'),
      cell: ({ getValue }) => <LocalTime iso={getValue()} />,
    }),
    column.accessor('provider', {
      header: t('table.provider'),
      cell: ({ getValue }) => providerLabel(t, getValue()),
    }),
  ]);

/**
 * The orders list: a table from 768 px up, one card per order below (amount, status, email and
 * date stay readable on a phone without sideways scrolling).
 */
export function OrdersTable({ orders }: { orders: OrderRow[] }) {
  const t = useTranslations('orders');
  const columns = useMemo(() => columnsIn(t), [t]);
  const table = useTable({ features, columns, data: orders });
  return (
    <>
      <table className="hidden w-full text-sm md:table">
        <caption className="sr-only">{t('table.caption')}</caption>
        <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className="px-3 py-2 font-medium">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-border">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid="order-row"
              className="relative hover:bg-subtle focus-within:bg-subtle"
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className="px-3 py-3 align-middle">
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-border md:hidden" aria-label={t('table.caption')}>
        {orders.map((order) => (
          <li key={order.id} data-testid="order-card" className="relative py-3 hover:bg-subtle">
            <div className="flex items-center justify-between gap-3">
              <Link
                href={`/orders/${order.id}`}
                className="after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-ring"
              >
                <Amount order={order} />
                <span className="sr-only">
                  {t('table.orderRef', { reference: order.reference })}
                </span>
              </Link>
              <OrderStatusBadges status={order.status} needsReview={order.needsReview} />
            </div>
            <p className="mt-1 truncate text-sm">
              {order.customerEmail}
              <span className="text-muted"> · {order.customerName}</span>
            </p>
            <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-muted">
              <span className="font-mono">{order.reference}</span>
              <span aria-hidden>·</span>
              <LocalTime iso={order.createdAt} />
              <span aria-hidden>·</span>
              <span>{providerLabel(t, order.provider)}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

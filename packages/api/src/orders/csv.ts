import { currencyExponent } from '@prood/checkout';
import {
  type DashboardOrder,
  type DashboardOrderFilters,
  type Executor,
  iterateDashboardOrders,
} from '@prood/db';

/** The export's columns, in order: what a merchant's spreadsheet or accountant expects. */
export const ORDER_CSV_COLUMNS = [
  'id',
  'reference',
  'created_at',
  'status',
  'needs_review',
  'customer_name',
  'customer_email',
  'provider',
  'currency',
  'total',
  'amount_paid',
  'amount_refunded',
  'fulfillment',
  'fulfilled_at',
  'carrier',
  'tracking_number',
] as const;

// a spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP)
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): a text a spreadsheet would run as a formula gets a leading `'`,
 * and a field with a comma, quote, line break or edge space is quoted, quotes doubled.
 *
 * @example
 * csvField('=HYPERLINK("x")') // "'=HYPERLINK(""x"")" quoted
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Minor units as a plain decimal in the currency's exponent, without grouping or symbol (the
 * currency has its own column): 123456 EUR → `1234.56`, 500 JPY → `500`.
 */
export function decimalAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function orderLine(order: DashboardOrder): string {
  const cells: Record<(typeof ORDER_CSV_COLUMNS)[number], string | boolean | null> = {
    id: order.id,
    reference: order.reference,
    created_at: iso(order.createdAt),
    status: order.status,
    needs_review: order.needsReview,
    customer_name: order.customer.name,
    customer_email: order.customerEmail,
    provider: order.provider,
    currency: order.currency,
    total: decimalAmount(order.total, order.currency),
    amount_paid: decimalAmount(order.amountPaid, order.currency),
    amount_refunded: decimalAmount(order.amountRefunded, order.currency),
    fulfillment: order.fulfillment,
    fulfilled_at: iso(order.fulfilledAt),
    carrier: order.shipmentCarrier,
    tracking_number: order.trackingNumber,
  };
  return `${ORDER_CSV_COLUMNS.map((column) => csvField(cells[column])).join(',')}\r\n`;
}

/**
 * Every order of the tenant matching the filters as CSV, newest first: a header line, then one
 * line per order, read in keyset batches while the reader pulls (constant memory, no row
 * limit). Amounts are decimals beside a currency column; times are ISO 8601 in UTC.
 *
 * @example
 * return new Response(streamOrdersCsv(db, { tenantId, view: 'paid' }), { headers: { 'content-type': 'text/csv' } });
 */
export function streamOrdersCsv(
  db: Executor,
  filter: DashboardOrderFilters & { tenantId: string },
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateDashboardOrders(db, filter, options.batchSize ?? 1000);
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`${ORDER_CSV_COLUMNS.join(',')}\r\n`));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(orderLine).join('')));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    // one batch in flight: the database is read no faster than the download goes
    { highWaterMark: 1 },
  );
}

import { Input } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import type { CheckoutPageLine, CheckoutPageOrder } from '@prood/validators';
import { getLocale, getTranslations } from 'next-intl/server';
import { changeQuantityAction } from '../../app/c/[id]/actions';
import { SubmitButton } from './submit-button';

function formatRate(bps: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

/** The order summary: lines with unit prices, then subtotal, discount, shipping, tax, total. */
export async function OrderSummary(props: {
  id: string;
  currency: string;
  order: CheckoutPageOrder | null;
  /** A payment link has no order: one line with its description. */
  fallbackLine: { title: string; amount: number };
  total: number;
  adjustableQuantity: boolean;
  editable: boolean;
}) {
  const t = await getTranslations('summary');
  const locale = await getLocale();
  const money = (amount: number) => formatMoney(amount, props.currency, locale);
  const price = (line: CheckoutPageLine, amount: number) => {
    if (!line.recurring) return money(amount);
    const values = { amount: money(amount), interval: line.recurring.interval };
    return line.recurring.intervalCount > 1
      ? t('intervalCount', { ...values, count: line.recurring.intervalCount })
      : t('interval', values);
  };
  const order = props.order?.order;
  const lines: CheckoutPageLine[] = props.order?.lines ?? [
    {
      id: 'link',
      title: props.fallbackLine.title,
      unitAmount: props.fallbackLine.amount,
      quantity: 1,
      subtotal: props.fallbackLine.amount,
      recurring: null,
    },
  ];
  const tax = props.order?.tax;
  const row = 'flex items-baseline justify-between gap-4 py-1 text-sm';
  return (
    <section aria-labelledby="summary-title" id="summary">
      <h2 id="summary-title" className="sr-only">
        {t('title')}
      </h2>
      <p className="text-sm text-muted">{t('title')}</p>
      <p className="mt-1 text-3xl font-semibold tracking-tight" data-testid="summary-total">
        {lines.length === 1 && lines[0]?.recurring
          ? price(lines[0], props.total)
          : money(props.total)}
      </p>
      <ul className="mt-6 divide-y divide-border">
        {lines.map((line) => (
          <li key={line.id} className="flex gap-4 py-3" data-testid="summary-line">
            <div className="min-w-0 flex-1">
              <p className="font-medium">{line.title}</p>
              <p className="text-sm text-muted">
                {t('quantity', { quantity: line.quantity })} ·{' '}
                {t('each', { amount: price(line, line.unitAmount) })}
              </p>
              {props.adjustableQuantity && props.editable && props.order ? (
                <form
                  action={changeQuantityAction.bind(null, props.id)}
                  className="mt-2 flex items-center gap-2"
                >
                  <input type="hidden" name="itemId" value={line.id} />
                  <label htmlFor={`qty-${line.id}`} className="sr-only">
                    {t('quantityLabel', { title: line.title })}
                  </label>
                  <Input
                    id={`qty-${line.id}`}
                    name="quantity"
                    type="number"
                    min={1}
                    max={99}
                    defaultValue={line.quantity}
                    className="h-8 w-20"
                  />
                  <SubmitButton variant="secondary" size="sm" pendingLabel={t('updateQuantity')}>
                    {t('updateQuantity')}
                  </SubmitButton>
                </form>
              ) : null}
            </div>
            <p className="text-sm font-medium tabular-nums">{price(line, line.subtotal)}</p>
          </li>
        ))}
      </ul>
      <dl className="mt-2 border-t border-border pt-3">
        <div className={row}>
          <dt>{t('subtotal')}</dt>
          <dd className="tabular-nums" data-testid="summary-subtotal">
            {money(order?.subtotal ?? props.total)}
          </dd>
        </div>
        {order && order.discountTotal > 0 ? (
          <div className={row}>
            <dt>{t('discount', { code: props.order?.couponCode ?? '' })}</dt>
            <dd className="tabular-nums text-success" data-testid="summary-discount">
              −{money(order.discountTotal)}
            </dd>
          </div>
        ) : null}
        {props.order?.needsAddress ? (
          <div className={row}>
            <dt>{t('shipping')}</dt>
            <dd className="tabular-nums" data-testid="summary-shipping">
              {order?.shippingRateId
                ? order.shippingTotal === 0
                  ? t('shippingFree')
                  : money(order.shippingTotal)
                : t('shippingPending')}
            </dd>
          </div>
        ) : null}
        {tax && order ? (
          <div className={row}>
            <dt>
              {tax.inclusive
                ? t('taxIncluded', { name: tax.name, rate: formatRate(tax.rateBps, locale) })
                : t('taxAdded', { name: tax.name, rate: formatRate(tax.rateBps, locale) })}
            </dt>
            <dd className="tabular-nums" data-testid="summary-tax">
              {money(order.taxTotal)}
            </dd>
          </div>
        ) : null}
        <div className="mt-2 flex items-baseline justify-between gap-4 border-t border-border pt-3 font-semibold">
          <dt>{t('total')}</dt>
          <dd className="tabular-nums" data-testid="total">
            {money(props.total)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  currencyExponent,
  EmptyState,
  formatMoney,
} from '@prood/ui';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';
import { CheckoutSettingsForm, RemoveShippingRateButton, ShippingRateForm } from './checkout-forms';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Checkout · prood' };

function deliveryEstimate(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return min === max ? `${min} days` : `${min}–${max} days`;
  if (min !== null) return `from ${min} days`;
  if (max !== null) return `up to ${max} days`;
  return null;
}

export default async function CheckoutSettingsPage() {
  const { organization, settings, rates } = await loadPage(async (trpc) => {
    const [organization, settings, rates] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.checkoutSettings.get.query(),
      trpc.checkoutSettings.shippingRates.query(),
    ]);
    return { organization, settings, rates };
  });
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const currency = organization.defaultCurrency;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Checkout"
        description="How your hosted checkout page looks, what it asks, and how orders ship."
      />
      <Card>
        <CardHeader>
          <CardTitle>Page</CardTitle>
          <CardDescription>
            Shoppers see these on every checkout of {organization.name}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CheckoutSettingsForm
            values={settings}
            organizationName={organization.name}
            canManage={canManage}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Shipping options</CardTitle>
          <CardDescription>
            Offered on orders that ship, in the order’s currency; the shopper picks one.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          {rates.length === 0 ? (
            <EmptyState title="No shipping options yet">
              Orders that ship are sent without a shipping charge until you add one.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border">
              {rates.map((rate) => {
                const estimate = deliveryEstimate(rate.minDeliveryDays, rate.maxDeliveryDays);
                return (
                  <li
                    key={rate.id}
                    className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                  >
                    <div className="min-w-0">
                      <p className="break-words font-medium">{rate.name}</p>
                      <p className="text-sm text-muted">
                        {formatMoney(rate.amount, rate.currency, 'en')}
                        {rate.freeAbove !== null
                          ? ` · free from ${formatMoney(rate.freeAbove, rate.currency, 'en')}`
                          : ''}
                        {estimate ? ` · ${estimate}` : ''}
                      </p>
                    </div>
                    {canManage ? <RemoveShippingRateButton id={rate.id} name={rate.name} /> : null}
                  </li>
                );
              })}
            </ul>
          )}
          {canManage ? (
            <ShippingRateForm currency={currency} exponent={currencyExponent(currency)} />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

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
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';
import { CheckoutSettingsForm, RemoveShippingRateButton, ShippingRateForm } from './checkout-forms';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const [t, common] = await Promise.all([
    getTranslations('checkoutSettings'),
    getTranslations('common'),
  ]);
  return { title: common('pageTitle', { page: t('title') }) };
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
  const t = await getTranslations('checkoutSettings');
  const deliveryEstimate = (min: number | null, max: number | null): string | null => {
    if (min !== null && max !== null)
      return min === max ? t('shipping.days', { min }) : t('shipping.daysRange', { min, max });
    if (min !== null) return t('shipping.daysFrom', { min });
    if (max !== null) return t('shipping.daysUpTo', { max });
    return null;
  };
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <CardHeader>
          <CardTitle>{t('page.title')}</CardTitle>
          <CardDescription>
            {t('page.description', { organization: organization.name })}
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
          <CardTitle>{t('shipping.title')}</CardTitle>
          <CardDescription>{t('shipping.description')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          {rates.length === 0 ? (
            <EmptyState title={t('shipping.emptyTitle')}>{t('shipping.emptyBody')}</EmptyState>
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
                          ? ` · ${t('shipping.freeFrom', { amount: formatMoney(rate.freeAbove, rate.currency, 'en') })}`
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

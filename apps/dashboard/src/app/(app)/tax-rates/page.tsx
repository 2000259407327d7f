import {
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
} from '@prood/ui';
import Link from 'next/link';
import { CreateTaxRateForm } from '../../../components/catalog/catalog-forms';
import { percentLabel } from '../../../components/catalog/catalog-labels';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Tax rates · prood' };

export default async function TaxRatesPage() {
  const { organization, rates } = await loadPage(async (trpc) => {
    const [organization, rates] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.settings.taxRates.query(),
    ]);
    return { organization, rates };
  });
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Tax rates"
        description="The rate of the shopper’s country is applied to every order; without one, no tax is added."
      />
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {rates.length === 0 ? (
            <EmptyState title="No tax rates yet" className="m-2">
              {canManage
                ? 'Add the rate of each country you sell to below.'
                : 'An owner or admin can add one.'}
            </EmptyState>
          ) : (
            <ul aria-label="Tax rates" className="divide-y divide-border">
              {rates.map((rate) => (
                <li
                  key={rate.id}
                  className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-2 py-3"
                >
                  <div className="min-w-0">
                    <Link
                      href={`/tax-rates/${rate.id}`}
                      className="break-words font-medium underline-offset-4 hover:underline"
                    >
                      {rate.name}
                    </Link>
                    <p className="text-sm text-muted">
                      {rate.country} · {percentLabel(rate.rateBps)} ·{' '}
                      {rate.inclusive ? 'included in prices' : 'added on top'}
                    </p>
                  </div>
                  <Badge tone={rate.active ? 'success' : 'neutral'}>
                    {rate.active ? 'Active' : 'Deactivated'}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Add tax rate</CardTitle>
            <CardDescription>
              An order uses the first active rate added for its country: deactivate it to replace
              it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CreateTaxRateForm />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

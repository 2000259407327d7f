import { Alert, Card, CardContent } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateProductForm } from '../../../../components/catalog/catalog-forms';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('products'))('new.metaTitle') };
}

export default async function NewProductPage() {
  const organization = await loadPage((trpc) => trpc.settings.organization.query());
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const t = await getTranslations('products');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('new.title')}
        description={t('new.description')}
        actions={
          <Link href="/products" className="text-sm font-medium underline underline-offset-4">
            {t('new.all')}
          </Link>
        }
      />
      <Card className="max-w-3xl">
        <CardContent>
          {canManage ? (
            <CreateProductForm currency={organization.defaultCurrency} />
          ) : (
            <Alert tone="info" title={t('new.onlyAdminsTitle')}>
              {t('new.onlyAdminsBody', { organization: organization.name })}
            </Alert>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

import { Alert, Card, CardContent } from '@prood/ui';
import Link from 'next/link';
import { CreateProductForm } from '../../../../components/catalog/catalog-forms';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New product · prood' };

export default async function NewProductPage() {
  const organization = await loadPage((trpc) => trpc.settings.organization.query());
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="New product"
        description="Its name, how it reaches the shopper, and what it costs."
        actions={
          <Link href="/products" className="text-sm font-medium underline underline-offset-4">
            All products
          </Link>
        }
      />
      <Card className="max-w-3xl">
        <CardContent>
          {canManage ? (
            <CreateProductForm currency={organization.defaultCurrency} />
          ) : (
            <Alert tone="info" title="Only owners and admins add products">
              You can see every product of {organization.name}; ask an admin to add one.
            </Alert>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

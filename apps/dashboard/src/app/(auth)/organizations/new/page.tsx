import { getTranslations } from 'next-intl/server';
import { CreateOrganizationForm } from '../../../../components/create-organization-form';

export async function generateMetadata() {
  const [t, common] = await Promise.all([
    getTranslations('auth.organization'),
    getTranslations('common'),
  ]);
  return { title: common('pageTitle', { page: t('title') }) };
}

export default async function NewOrganizationPage() {
  const t = await getTranslations('auth.organization');
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{t('heading')}</h1>
      <p className="mb-4 text-sm text-muted">{t('lead')}</p>
      <CreateOrganizationForm />
    </>
  );
}

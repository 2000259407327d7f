import { getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '../../../components/auth-forms';

export async function generateMetadata() {
  const [t, common] = await Promise.all([
    getTranslations('auth.forgot'),
    getTranslations('common'),
  ]);
  return { title: common('pageTitle', { page: t('title') }) };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth.forgot');
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{t('heading')}</h1>
      <p className="mb-4 text-sm text-muted">{t('lead')}</p>
      <ForgotPasswordForm />
    </>
  );
}

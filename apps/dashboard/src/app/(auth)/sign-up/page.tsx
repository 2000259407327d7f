import { safeReturnPath } from '@prood/validators';
import { getTranslations } from 'next-intl/server';
import { SignUpForm } from '../../../components/auth-forms';

export async function generateMetadata() {
  const [t, common] = await Promise.all([
    getTranslations('auth.signUp'),
    getTranslations('common'),
  ]);
  return { title: common('pageTitle', { page: t('title') }) };
}

export default async function SignUpPage(props: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await props.searchParams;
  const t = await getTranslations('auth.signUp');
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{t('heading')}</h1>
      <p className="mb-4 text-sm text-muted">{t('lead')}</p>
      <SignUpForm next={safeReturnPath(next) ?? undefined} />
    </>
  );
}

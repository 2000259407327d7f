import { safeReturnPath } from '@prood/validators';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '../../../components/auth-forms';

export async function generateMetadata() {
  const [t, common] = await Promise.all([
    getTranslations('auth.signIn'),
    getTranslations('common'),
  ]);
  return { title: common('pageTitle', { page: t('title') }) };
}

export default async function SignInPage(props: {
  searchParams: Promise<{ reset?: string; next?: string }>;
}) {
  const { reset, next } = await props.searchParams;
  const t = await getTranslations('auth.signIn');
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t('heading')}</h1>
      <SignInForm
        notice={reset ? t('passwordChanged') : undefined}
        next={safeReturnPath(next) ?? undefined}
      />
    </>
  );
}

import { Alert, Button } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ResetPasswordForm } from '../../../components/auth-forms';

export async function generateMetadata() {
  const [t, common] = await Promise.all([getTranslations('auth.reset'), getTranslations('common')]);
  return { title: common('pageTitle', { page: t('title') }) };
}

/** better-auth sends the mailed link here with `?token=` (or `?error=` when it was bad). */
export default async function ResetPasswordPage(props: {
  searchParams: Promise<{ token?: string; error?: string }>;
}) {
  const { token, error } = await props.searchParams;
  const t = await getTranslations('auth.reset');
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t('heading')}</h1>
      {token && !error ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="flex flex-col gap-4">
          <Alert tone="danger">{t('invalid')}</Alert>
          <Button asChild variant="secondary">
            <Link href="/forgot-password">{t('askAgain')}</Link>
          </Button>
        </div>
      )}
    </>
  );
}

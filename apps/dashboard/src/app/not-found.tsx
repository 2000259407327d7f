import { Button } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Also what `notFound()` renders: the dashboard's words, a way back, never a bare 404. */
export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-start justify-center gap-3 px-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t('notFound.title')}</h1>
      <p className="text-sm text-muted">{t('notFound.hint')}</p>
      <Button asChild variant="secondary">
        <Link href="/">{t('nav.overview')}</Link>
      </Button>
    </main>
  );
}

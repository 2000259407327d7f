'use client';

import { Button } from '@prood/ui';
import { useTranslations } from 'next-intl';

/**
 * A page that failed: what happened and what to do, never a stack or the error's message (which
 * may carry paths or data); only the opaque digest Next.js logs with the real error.
 */
export default function ErrorPage(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('common.error');
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-start justify-center gap-3 px-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="text-sm text-muted">{t('body')}</p>
      {props.error.digest ? (
        <p className="text-sm text-muted">{t('reference', { digest: props.error.digest })}</p>
      ) : null}
      <Button type="button" onClick={() => props.reset()}>
        {t('retry')}
      </Button>
    </main>
  );
}

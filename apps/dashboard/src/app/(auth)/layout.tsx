import { Toaster } from '@prood/ui';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/** Signed-out pages: one centered card, the brand above it. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  const t = useTranslations('common');
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-subtle px-4 py-10">
      <p className="mb-6 text-xl font-bold tracking-tight">{t('brand')}</p>
      <main className="w-full max-w-sm rounded-ui border border-border bg-surface p-6 shadow-sm">
        {children}
      </main>
      <Toaster />
    </div>
  );
}

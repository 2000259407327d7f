import { Toaster } from '@prood/ui';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { MainNav, OrganizationSwitcher, UserMenu, VerifyEmailBanner } from '../../components/shell';
import { loadPage } from '../../server/trpc';

export const dynamic = 'force-dynamic';

/** The signed-in dashboard: header with nav, organization switcher and user menu. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const me = await loadPage(async (trpc) => {
    const account = await trpc.account.me.query();
    // a user without any organization is sent to create one before any page loads
    await trpc.settings.organization.query();
    return account;
  });
  const t = await getTranslations('common');
  return (
    <div className="flex min-h-dvh flex-col bg-subtle">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-ui focus:bg-surface focus:px-3 focus:py-2"
      >
        {t('skipToContent')}
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <a href="/" className="text-lg font-bold tracking-tight">
            {t('brand')}
          </a>
          <OrganizationSwitcher
            organizations={me.organizations}
            activeId={me.activeOrganization?.id ?? null}
          />
          <div className="ml-auto">
            <UserMenu name={me.user.name} email={me.user.email} />
          </div>
          <MainNav />
        </div>
      </header>
      {me.user.emailVerified ? null : <VerifyEmailBanner email={me.user.email} />}
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
      <Toaster />
    </div>
  );
}

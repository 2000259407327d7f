'use client';

import { Button, cn, Select, toast } from '@prood/ui';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { resendVerificationAction, switchOrganizationAction } from '../server/actions';
import { useActionToast } from './use-action';

const NAV = [
  { href: '/', label: 'overview' },
  { href: '/orders', label: 'orders' },
  { href: '/products', label: 'products' },
  { href: '/coupons', label: 'coupons' },
  { href: '/tax-rates', label: 'taxRates' },
  { href: '/links', label: 'links' },
  { href: '/integrations', label: 'integrations' },
  { href: '/checkout', label: 'checkout' },
  { href: '/team', label: 'team' },
  { href: '/settings', label: 'developers' },
  { href: '/webhooks', label: 'webhooks' },
  { href: '/events', label: 'events' },
  { href: '/developers/events', label: 'providerEvents' },
  { href: '/outbox', label: 'outbox' },
] as const;

export function MainNav() {
  const pathname = usePathname();
  const t = useTranslations('common.nav');
  return (
    <nav aria-label={t('label')} className="-mx-1 w-full overflow-x-auto">
      {/* a phone scrolls the row sideways; wider screens show every entry, wrapping */}
      <ul className="flex gap-1 md:flex-wrap">
        {NAV.map((item) => {
          const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block whitespace-nowrap rounded-ui px-3 py-1.5 text-sm font-medium hover:bg-subtle',
                  active ? 'bg-subtle text-fg' : 'text-muted',
                )}
              >
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function OrganizationSwitcher(props: {
  organizations: { id: string; name: string; role: string }[];
  activeId: string | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const t = useTranslations('common.organization');
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="organization-switcher" className="sr-only">
        {t('label')}
      </label>
      <Select
        id="organization-switcher"
        className="h-9 max-w-[14rem] truncate py-1 text-sm"
        value={props.activeId ?? ''}
        disabled={pending}
        onChange={(event) => {
          const value = event.target.value;
          if (value === '$new') {
            router.push('/organizations/new');
            return;
          }
          start(async () => {
            const result = await switchOrganizationAction(value);
            if (result.ok) toast.success(t('switched'));
            else toast.error(result.message);
            router.refresh();
          });
        }}
      >
        {props.organizations.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
        <option value="$new">{t('new')}</option>
      </Select>
    </div>
  );
}

export function UserMenu({ name, email }: { name: string; email: string }) {
  const [pending, start] = useTransition();
  const t = useTranslations('common.account');
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-ui px-2 py-1.5 text-sm hover:bg-subtle focus-visible:outline-2 focus-visible:outline-ring">
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-fg"
        >
          {(name.trim()[0] ?? email[0] ?? '?').toUpperCase()}
        </span>
        <span className="hidden max-w-[12rem] truncate sm:inline">{name}</span>
        <span className="sr-only sm:hidden">{t('menu')}</span>
      </summary>
      <div className="absolute right-0 z-40 mt-2 w-64 rounded-ui border border-border bg-surface p-3 shadow-lg">
        <p className="truncate text-sm font-medium">{name}</p>
        <p className="truncate text-sm text-muted">{email}</p>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          block
          className="mt-3"
          disabled={pending}
          onClick={() =>
            start(async () => {
              await fetch('/api/auth/sign-out', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: '{}',
              });
              window.location.assign('/sign-in');
            })
          }
        >
          {pending ? t('signingOut') : t('signOut')}
        </Button>
      </div>
    </details>
  );
}

/** Going live waits for a confirmed email; this says so on every page until it is. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const t = useTranslations('common.verify');
  return (
    <div className="border-b border-warning/30 bg-warning-bg text-warning">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm">
        <p className="min-w-0 flex-1">
          {t.rich('banner', {
            email,
            strong: (chunks) => <strong>{chunks}</strong>,
            mail: (chunks) => <span className="break-all">{chunks}</span>,
          })}
        </p>
        <ResendVerificationButton />
      </div>
    </div>
  );
}

export function ResendVerificationButton() {
  const [resend, pending] = useActionToast(resendVerificationAction);
  const t = useTranslations('common.verify');
  return (
    <Button type="button" size="sm" variant="secondary" onClick={resend} disabled={pending}>
      {pending ? t('sending') : t('resend')}
    </Button>
  );
}

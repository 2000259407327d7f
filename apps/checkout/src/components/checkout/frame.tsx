import { Alert } from '@prood/ui';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';

/**
 * The frame of every state of `/c/{id}`: the tenant's name and logo, its accent colour (a
 * nonce'd style element, so a strict CSP allows it), the test-mode notice, and two columns on a
 * desktop (summary left, form right, as shoppers know it from Stripe Checkout), stacked on a phone.
 */
export async function CheckoutFrame(props: {
  merchant: string;
  logoUrl: string | null;
  accentColor: string | null;
  testMode: boolean;
  nonce: string | undefined;
  summary?: ReactNode;
  children: ReactNode;
}) {
  const t = await getTranslations('common');
  return (
    <>
      {props.accentColor ? (
        <style nonce={props.nonce}>{`:root{--ui-accent:${props.accentColor}}`}</style>
      ) : null}
      <div className={props.summary ? 'lg:grid lg:min-h-dvh lg:grid-cols-2' : 'min-h-dvh'}>
        <div className={props.summary ? 'bg-subtle lg:border-r lg:border-border' : ''}>
          <div
            className={
              props.summary
                ? 'mx-auto max-w-lg px-5 pt-6 pb-4 lg:mr-0 lg:ml-auto lg:px-12 lg:pt-16'
                : 'mx-auto max-w-lg px-5 pt-8'
            }
          >
            <header className="flex items-center gap-3">
              {props.logoUrl ? (
                <img src={props.logoUrl} alt="" className="size-8 rounded-ui object-contain" />
              ) : (
                <span
                  aria-hidden="true"
                  className="flex size-8 items-center justify-center rounded-ui bg-accent font-semibold text-accent-fg"
                >
                  {props.merchant.slice(0, 1).toUpperCase()}
                </span>
              )}
              <span className="font-medium">{props.merchant}</span>
              {props.testMode ? (
                <span className="rounded-full border border-warning/40 bg-warning-bg px-2 py-0.5 text-xs font-medium text-warning">
                  TEST
                </span>
              ) : null}
            </header>
            {props.testMode ? (
              <Alert tone="warning" className="mt-4">
                {t('testMode')}
              </Alert>
            ) : null}
            {props.summary ? <div className="mt-6">{props.summary}</div> : null}
          </div>
        </div>
        <main
          className={
            props.summary
              ? 'mx-auto w-full max-w-lg px-5 py-6 lg:mr-auto lg:ml-0 lg:px-12 lg:pt-16'
              : 'mx-auto w-full max-w-lg px-5 py-8'
          }
        >
          {props.children}
          <p className="mt-8 text-center text-xs text-muted">{t('secure')}</p>
        </main>
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import { connection } from 'next/server';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = { title: 'prood · Checkout' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // rendered per request, so Next.js can stamp this response's CSP nonce on its scripts
  await connection();
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-bg text-fg antialiased">
        {/* no client component reads messages (server components pass their texts as props), so
            none are serialized into every page's payload */}
        <NextIntlClientProvider messages={null}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}

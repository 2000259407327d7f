import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: 'prood · Commerce API' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // rendered per request, so Next.js can stamp this response's CSP nonce on its scripts
  await connection();
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0 }}>{children}</body>
    </html>
  );
}

import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = { title: 'prood · Dashboard' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // rendered per request, so Next.js can stamp this response's CSP nonce on its scripts
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh bg-bg text-fg antialiased">{children}</body>
    </html>
  );
}

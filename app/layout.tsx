import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import './globals.css';

// Every page is rendered per request: its scripts carry the request's CSP nonce (proxy.ts), which a
// page prerendered at build time (such as the not-found page) could not have.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Daemonscope',
  description: 'DaemonSet fleet coverage and rollouts',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}

import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Footer } from '@/components/layout/footer';
import { Header } from '@/components/layout/header';
import { TrackingProvider } from '@/components/tracking/tracking-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Lumen Jewelry — fine jewelry', template: '%s · Lumen Jewelry' },
  description: 'Rings, necklaces, earrings and bracelets in gold, silver and platinum.',
};

export const viewport: Viewport = { themeColor: '#fbf8f4' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrackingProvider>
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <Header />
          <main id="main">{children}</main>
          <Footer />
        </TrackingProvider>
      </body>
    </html>
  );
}

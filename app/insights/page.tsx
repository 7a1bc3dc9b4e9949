import type { Metadata } from 'next';
import { InsightsApp } from '@/components/insights/insights-app';

// For the store owner's analysts; no shop page links here, and search engines are asked to stay out.
export const metadata: Metadata = { title: 'Insights', robots: { index: false, follow: false } };

export default function InsightsPage() {
  return (
    <>
      <h1>Insights</h1>
      <p className="page-intro">How shoppers find, browse and buy: the clickstream of the store, read from the warehouse.</p>
      <InsightsApp />
    </>
  );
}

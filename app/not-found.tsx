import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p className="page-intro">We could not find that page. It may have moved, or the piece is no longer in the collection.</p>
      <Link href="/" className="button button-primary">
        Back to the home page
      </Link>
    </>
  );
}

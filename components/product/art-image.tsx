import type { ImgHTMLAttributes } from 'react';

type Props = Omit<ImgHTMLAttributes<HTMLImageElement>, 'src' | 'alt' | 'width' | 'height' | 'loading'> & {
  src: string;
  alt: string;
  width: number;
  height: number;
  /** Above the fold: fetched first and never lazily. */
  priority?: boolean;
};

/**
 * The product art: 1 KB SVGs from public/products that no optimizer can shrink. A plain img, not
 * next/image: with `unoptimized` that adds nothing but a client component per picture, whose
 * script and hydration are on every page's critical path. Width and height keep the layout still.
 */
export function ArtImage({ priority = false, alt, ...props }: Props) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- see above
    <img {...props} alt={alt} loading={priority ? 'eager' : 'lazy'} fetchPriority={priority ? 'high' : undefined} decoding="async" />
  );
}

'use client';
import { useState } from 'react';
import type { ProductImage } from '@/lib/catalog/types';
import { ArtImage } from './art-image';
import styles from './product.module.css';

export function Gallery({ images }: { images: ProductImage[] }) {
  const [active, setActive] = useState(0);
  const current = images[active] ?? images[0];
  return (
    <div className={styles.gallery}>
      <ArtImage src={current.src} alt={current.alt} width={640} height={640} priority className={styles.mainImage} />
      <ul className={styles.thumbs} aria-label="Product images">
        {images.map((image, i) => (
          <li key={image.src}>
            <button
              type="button"
              className={styles.thumb}
              aria-pressed={i === active}
              aria-label={`Show image ${i + 1} of ${images.length}`}
              onClick={() => setActive(i)}
            >
              <ArtImage src={image.src} alt="" width={88} height={88} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

import Link from 'next/link';
import { ArtImage } from '@/components/product/art-image';
import { CATEGORY_INFO } from '@/lib/catalog/data';
import { listProducts } from '@/lib/catalog/queries';
import { CATEGORIES } from '@/lib/catalog/types';
import styles from './home.module.css';

// Singular names ("ring collection") keep these links apart from the header's "Rings" etc.
const SINGULAR = { rings: 'ring', necklaces: 'necklace', earrings: 'earring', bracelets: 'bracelet' } as const;

export function CollectionTiles() {
  return (
    <ul className={styles.tiles}>
      {CATEGORIES.map((c) => {
        const cover = listProducts({ category: c })[1] ?? listProducts({ category: c })[0];
        return (
          <li key={c}>
            <Link href={`/collections/${c}`} className={styles.tile}>
              <ArtImage src={cover.images[1].src} alt="" width={300} height={300} />
              <span className={styles.tileTitle}>The {SINGULAR[c]} collection</span>
              <span className={styles.tileBlurb}>{CATEGORY_INFO[c].blurb}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

import Link from 'next/link';
import { CartLink } from '@/components/cart/cart-link';
import { SearchForm } from '@/components/search/search-form';
import { CATEGORIES } from '@/lib/catalog/types';
import { CATEGORY_INFO } from '@/lib/catalog/data';
import { AccountStatus } from './account-status';
import styles from './layout.module.css';

export function Header() {
  return (
    <header className={styles.header}>
      <div className={styles.bar}>
        <Link href="/" className={styles.logo}>
          Lumen<span aria-hidden="true"> ✦ </span>
          <span className="visually-hidden"> </span>Jewelry
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          <ul>
            {CATEGORIES.map((c) => (
              <li key={c}>
                <Link href={`/collections/${c}`} className={styles.navLink}>
                  {CATEGORY_INFO[c].title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.tools}>
          <SearchForm />
          <span className={styles.accountSlot}>
            <AccountStatus />
          </span>
          <CartLink className={`${styles.navLink} ${styles.cartLink}`} />
        </div>
      </div>
    </header>
  );
}

import Link from 'next/link';
import { PrivacyChoices } from '@/components/tracking/privacy-choices';
import styles from './layout.module.css';

export function Footer() {
  return (
    <footer className={styles.footer}>
      <div className={styles.footerInner}>
        <p>© 2026 Lumen Jewelry. Fine jewelry, drawn for this demo store.</p>
        <nav aria-label="Footer">
          <ul className={styles.footerLinks}>
            <li><Link href="/search?q=gold">Gold</Link></li>
            <li><Link href="/search?q=pearl">Pearls</Link></li>
            <li><Link href="/account">Account</Link></li>
          </ul>
        </nav>
        <PrivacyChoices />
      </div>
    </footer>
  );
}

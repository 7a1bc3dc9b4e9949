import type { ReactNode } from 'react';
import styles from './insights.module.css';

/** A wide table's own horizontal scroll on a phone; focusable, so the keyboard can scroll it too. */
export function ScrollBox({ children }: { children: ReactNode }) {
  return (
    <div className={styles.scroll} tabIndex={0}>
      {children}
    </div>
  );
}

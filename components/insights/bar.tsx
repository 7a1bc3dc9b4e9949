import styles from './insights.module.css';

/** A horizontal bar for a table cell; the cell's number beside it is what a screen reader reads. */
export function Bar({ value, max }: { value: number; max: number }) {
  const width = max > 0 ? (value / max) * 100 : 0;
  return (
    <svg className={styles.bar} viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="10" className={styles.barTrack} />
      <rect x="0" y="0" width={width} height="10" className={styles.barFill} />
    </svg>
  );
}

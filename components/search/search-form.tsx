import styles from './search.module.css';

/** A plain GET form: works before hydration and without JavaScript. */
export function SearchForm({ defaultValue = '', id = 'site-search' }: { defaultValue?: string; id?: string }) {
  return (
    <form action="/search" method="get" role="search" className={styles.form}>
      <label htmlFor={id} className="visually-hidden">
        Search
      </label>
      <input id={id} name="q" type="search" defaultValue={defaultValue} placeholder="Search jewelry" className={styles.input} />
      <button type="submit" className={styles.submit}>
        <span className="visually-hidden">Submit search</span>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </button>
    </form>
  );
}

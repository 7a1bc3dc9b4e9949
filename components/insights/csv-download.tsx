'use client';
import { createContext, useContext, useState } from 'react';
import { requestReport } from './api';
import styles from './insights.module.css';
import type { Range } from './range';

/** The range the page shows, which every download asks for. */
export const RangeContext = createContext<Range>({ from: '', to: '' });

type Props = { report: string; table?: string; label: string };

/** One table as CSV, from the API (same token as the page), saved under the API's file name. */
export function CsvDownload({ report, table, label }: Props) {
  const range = useContext(RangeContext);
  const [error, setError] = useState('');
  const download = async () => {
    setError('');
    try {
      const response = await requestReport(report, range, `&format=csv${table ? `&table=${table}` : ''}`);
      // A cross-origin API may not expose Content-Disposition: the same name, built here.
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
        `${report}${table ? `-${table}` : ''}-${range.from}-to-${range.to}.csv`;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(`The CSV could not be downloaded: ${(e as Error).message}.`);
    }
  };
  return (
    <p className={styles.export}>
      <button type="button" className={styles.linkButton} onClick={download} aria-label={`Download CSV of ${label}`}>
        Download CSV
      </button>
      {error && <span role="alert">{error}</span>}
    </p>
  );
}

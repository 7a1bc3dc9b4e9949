'use client';
import { useEffect, useState } from 'react';
import type { LiveReport } from '@/lib/live/report';
import { requestReport } from './api';
import { formatCount, formatMoney } from './format';
import styles from './insights.module.css';
import { ScrollBox } from './scroll-box';

const EVERY_MS = 5000;

/**
 * What the store is doing now, asked again every 5 s while the tab is visible. Only the one-line
 * summary is a live region, so a screen reader hears a change, not every refresh.
 */
export function LivePanel() {
  const [live, setLive] = useState<LiveReport | string | null>(null);
  useEffect(() => {
    let busy = false;
    const tick = () => {
      if (busy || document.hidden) return;
      busy = true;
      requestReport('live', null)
        .then((r) => r.json(), (e: Error) => e.message)
        .then(setLive, () => setLive('the answer could not be read'))
        .finally(() => (busy = false));
    };
    tick();
    const timer = setInterval(tick, EVERY_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, []);
  const ready = live && typeof live === 'object';
  return (
    <section aria-labelledby="live-title" className={styles.section}>
      <h2 id="live-title">Live</h2>
      <p aria-live="polite">
        {ready
          ? `Active shoppers in the last ${live.active_minutes} minutes: ${formatCount(live.active_shoppers)}. Orders in the last ${live.window_minutes} minutes: ${formatCount(live.orders.count)}.`
          : live ? `The live view cannot be shown right now: ${live}.` : 'Loading the live view…'}
      </p>
      {ready && (
        <>
          <p className={styles.muted}>
            {live.source === 'stream'
              ? 'From the event stream'
              : 'From the warehouse, as far as it is loaded (every 2 s under npm run dev); the stream transport (CLICKSTREAM_SINK=kinesis) makes it live'}
            , as of {new Date(live.as_of).toLocaleTimeString('en-US')}.
          </p>
          <dl className={styles.figures}>
            {([
              ['Active sessions', formatCount(live.active_sessions)],
              ['Open carts', `${formatCount(live.carts.open)} (${formatMoney(live.carts.value)})`],
              ['Orders', `${formatCount(live.orders.count)} (${formatMoney(live.orders.revenue)})`],
            ] as const).map(([label, value]) => (
              <div key={label} className={styles.figure}>
                <dt>{label}</dt>
                <dd className={styles.value}>{value}</dd>
              </div>
            ))}
          </dl>
          <div className={styles.splits}>
            <Table caption="Active sessions by page" head={['Page', 'Sessions']} rows={live.pages.map((p) => [p.page_path, formatCount(p.sessions)])} />
            <Table
              caption="Latest events"
              head={['Time', 'Event', 'Page']}
              rows={live.recent.map((e) => [new Date(e.at).toLocaleTimeString('en-US'), e.event_name.replace(/_/g, ' ') + (e.product_name ? `: ${e.product_name}` : ''), e.page_path])}
            />
          </div>
        </>
      )}
    </section>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <ScrollBox>
      <table className={styles.table}>
        <caption>{caption}</caption>
        <thead>
          <tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.length ? rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>) : <tr><td colSpan={head.length}>None right now</td></tr>}
        </tbody>
      </table>
    </ScrollBox>
  );
}

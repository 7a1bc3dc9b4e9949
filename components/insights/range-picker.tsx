'use client';
import { useState, type FormEvent } from 'react';
import styles from './insights.module.css';
import { PRESETS, lastDays, rangeLength, type Range } from './range';

type Props = { range: Range; onChange: (range: Range) => void };

/** Last 7, 30 or 90 days, or two dates of one's own (checked by the API: at most 366 days). */
export function RangePicker({ range, onChange }: Props) {
  const [custom, setCustom] = useState(false);
  const [draft, setDraft] = useState(range);
  const preset = custom ? null : PRESETS.find((days) => rangeLength(range) === days && lastDays(days).to === range.to);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form className={styles.picker} onSubmit={apply} aria-label="Date range">
      <fieldset>
        <legend>Range</legend>
        {PRESETS.map((days) => (
          <label key={days} className={styles.choice}>
            <input type="radio" name="range" checked={preset === days} onChange={() => (setCustom(false), onChange(lastDays(days)))} />
            Last {days} days
          </label>
        ))}
        <label className={styles.choice}>
          <input type="radio" name="range" checked={custom || preset === undefined} onChange={() => (setCustom(true), setDraft(range))} />
          Custom
        </label>
      </fieldset>
      {(custom || preset === undefined) && (
        <div className={styles.customRange}>
          <label>
            From <input type="date" value={draft.from} max={draft.to} required onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            To <input type="date" value={draft.to} min={draft.from} required onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <button type="submit" className="button">
            Show
          </button>
        </div>
      )}
      <p className={styles.rangeNote}>
        {range.from} to {range.to} (UTC), {rangeLength(range)} days
      </p>
    </form>
  );
}

'use client';
import { useSyncExternalStore } from 'react';
import { browserTracker } from '@/lib/clickstream/browser';
import { hasGpc, isOptedOut, setOptedOut } from '@/lib/clickstream/consent';
import styles from './privacy-choices.module.css';

type Choice = 'gpc' | 'out' | 'in';

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const readChoice = (): Choice => (hasGpc() ? 'gpc' : isOptedOut() ? 'out' : 'in');

function choose(out: boolean) {
  const tracker = browserTracker();
  if (tracker) tracker.setOptedOut(out);
  else setOptedOut(out);
  listeners.forEach((listener) => listener());
}

const TEXT: Record<Choice, string> = {
  gpc: 'Your browser sends a Global Privacy Control signal, so this store records nothing about your visit.',
  out: 'You opted out: this store records nothing about your visit.',
  in: 'This store records the pages you view and what you add to your bag, to improve the shop. No data is sold.',
};

/** The footer's "Privacy choices": opt out of tracking and back in; the choice is kept in this browser. */
export function PrivacyChoices() {
  const choice = useSyncExternalStore(subscribe, readChoice, () => 'in' as Choice);
  return (
    <details className={styles.choices}>
      <summary>Privacy choices</summary>
      <p role="status">{TEXT[choice]}</p>
      {choice === 'gpc' ? null : (
        <button type="button" className="button" onClick={() => choose(choice === 'in')}>
          {choice === 'in' ? 'Opt out of tracking' : 'Allow tracking'}
        </button>
      )}
    </details>
  );
}

'use client';
import { useSyncExternalStore } from 'react';
import { browserTracker } from '@/lib/clickstream/browser';
import { hasGpc, isOptedOut } from '@/lib/clickstream/consent';

type Choice = 'gpc' | 'out' | 'in';
export type ConsentText = Record<Choice | 'optOut' | 'optIn', string>;

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const readChoice = (): Choice => (hasGpc() ? 'gpc' : isOptedOut() ? 'out' : 'in');

// There is a tracker whenever there is a button: only Global Privacy Control leaves none.
function choose(out: boolean) {
  browserTracker()?.setOptedOut(out);
  listeners.forEach((listener) => listener());
}

/** What is recorded now, and the button that changes it (none under Global Privacy Control). */
export function ConsentSwitch({ text }: { text: ConsentText }) {
  const choice = useSyncExternalStore(subscribe, readChoice, () => 'in' as Choice);
  return (
    <>
      <p role="status">{text[choice]}</p>
      {choice === 'gpc' ? null : (
        <button type="button" className="button" onClick={() => choose(choice === 'in')}>
          {choice === 'in' ? text.optOut : text.optIn}
        </button>
      )}
    </>
  );
}

import { ConsentSwitch, type ConsentText } from './consent-switch';
import styles from './privacy-choices.module.css';

// The words are rendered on the server and handed to the switch, so they are not in the tracker's script.
const TEXT: ConsentText = {
  gpc: 'Your browser sends a Global Privacy Control signal, so this store records nothing about your visit.',
  out: 'You opted out: this store records nothing about your visit.',
  in: 'This store records the pages you view and what you add to your bag, to improve the shop. No data is sold.',
  optOut: 'Opt out of tracking',
  optIn: 'Allow tracking',
};

/** The footer's "Privacy choices": opt out of tracking and back in; the choice is kept in this browser. */
export function PrivacyChoices() {
  return (
    <details className={styles.choices}>
      <summary>Privacy choices</summary>
      <ConsentSwitch text={TEXT} />
    </details>
  );
}

// The kit's assertions. Each waits (polling what arrived), and on failure lists the events that did
// arrive and how each differs from what was expected, field by field.
import { test } from '@playwright/test';
import type { StoredEvent, WireEvent } from '../../lib/contract/events';
import { ClickstreamLog, type Placed } from './clickstream';
import { closest, label, matches, SERVER_FIELDS, showFilter, type EventFilter } from './match';

export type Found = WireEvent & Partial<StoredEvent>;
type Wait = { timeout?: number };

const DEFAULT_TIMEOUT = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sameId = (a: { event_id: string }, b: { event_id: string }) => a.event_id.toLowerCase() === b.event_id.toLowerCase();

export class Clickstream extends ClickstreamLog {
  private async poll<T>(timeout: number, attempt: () => T | undefined): Promise<T | undefined> {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.settle();
      const found = attempt();
      if (found !== undefined || Date.now() >= deadline) return found;
      await sleep(150);
    }
  }

  /** This test's event matching the filter on the wire, and its stored copy (also matching) at rest. */
  private find(filter: EventFilter): Found | undefined {
    const refused = this.rejectedMatching(filter);
    if (refused.length) throw new Error(`clickstream: the API rejected an event matching ${showFilter(filter)}:\n  ${refused.join('\n  ')}`);
    const onWire = this.events(filter);
    if (!onWire.length) return undefined;
    if (!this.atRest) return onWire[0];
    return this.stored(filter).find((stored) => onWire.some((sent) => sameId(sent, stored)));
  }

  /** The failure message's account of what did arrive. */
  private arrived(filter: EventFilter): string {
    const sent = this.sent();
    const lines = [`On the wire from this test (${sent.length} events, client_id ${this.clientIds().join(', ') || 'none yet'}):`];
    lines.push(...(sent.length ? closest(sent, filter, 'wire') : ['  nothing']));
    if (this.atRest) {
      const stored = this.stored();
      lines.push(`At rest: ${stored.length} stored.`);
      for (const { event, place } of sent.filter((s) => matches(s.event, filter, 'wire'))) {
        const copy = stored.find((e) => sameId(e, event));
        if (!copy) lines.push(`  ${label(event, place)} matches on the wire but is not stored.`);
        else lines.push(...closest([{ event: copy, place }], filter, 'rest').map((line) => `${line} (its stored copy)`));
      }
      const elsewhere = this.storedElsewhere(filter);
      if (elsewhere.length) {
        const clients = [...new Set(elsewhere.map((e) => e.client_id))].slice(0, 3).join(', ');
        lines.push(`${elsewhere.length} matching event(s) were stored since this test began for other clients (another test or browser context, not counted): client_id ${clients}`);
      }
    } else lines.push('At rest: not read (wire only).');
    const rejected = this.rejected();
    lines.push(`Rejected by the API: ${rejected.length ? rejected.map((r) => `${r.event_name ?? r.error} (${r.errors.map((e) => e.field).join(', ')})`).join('; ') : 'none'}.`);
    return lines.join('\n');
  }

  private checkFilter(filter: EventFilter) {
    const serverOnly = Object.keys(filter).filter((key) => SERVER_FIELDS.includes(key));
    if (!this.atRest && serverOnly.length) throw new Error(`clickstream: ${serverOnly.join(', ')} exist only at rest, and this run is wire only`);
  }

  /** Waits for an event matching the filter: sent on the wire, and stored at rest (unless wire only). */
  expectEvent(filter: EventFilter, { timeout = DEFAULT_TIMEOUT }: Wait = {}): Promise<Found> {
    return test.step(`clickstream.expectEvent ${showFilter(filter)}`, async () => {
      this.checkFilter(filter);
      const found = await this.poll(timeout, () => this.find(filter));
      if (found) return found;
      throw new Error(`clickstream.expectEvent: no event matching ${showFilter(filter)} within ${timeout} ms.\n${this.arrived(filter)}`);
    }, { box: true });
  }

  /** Watches for `within` ms that no event matching the filter goes out. */
  expectNoEvent(filter: EventFilter, { within = 1_500 }: { within?: number } = {}): Promise<void> {
    return test.step(`clickstream.expectNoEvent ${showFilter(filter)}`, async () => {
      const seen = await this.poll(within, () => {
        const found = this.sent().filter(({ event }) => matches(event, filter, 'wire'));
        return found.length ? found : undefined;
      });
      if (!seen) return;
      throw new Error(`clickstream.expectNoEvent: ${seen.length} event(s) matching ${showFilter(filter)} went out:\n${closest(seen, filter, 'wire').join('\n')}`);
    }, { box: true });
  }

  /** Waits for events matching each filter in this order (others may come between), each stored. */
  expectSequence(filters: EventFilter[], { timeout = DEFAULT_TIMEOUT }: Wait = {}): Promise<Found[]> {
    return test.step(`clickstream.expectSequence of ${filters.length}`, async () => {
      filters.forEach((filter) => this.checkFilter(filter));
      const walk = () => {
        const sent = this.sent();
        const steps: Placed<WireEvent>[] = [];
        for (const filter of filters) {
          const next = sent.find((s) => s.place > (steps.at(-1)?.place ?? -1) && matches(s.event, filter, 'wire'));
          if (!next) break;
          steps.push(next);
        }
        return { sent, steps };
      };
      const done = await this.poll(timeout, () => {
        const { steps } = walk();
        if (steps.length < filters.length) return undefined;
        if (!this.atRest) return steps.map((s) => s.event as Found);
        const stored = steps.map((s, i) => this.stored(filters[i]).find((e) => sameId(e, s.event)));
        return stored.every(Boolean) ? (stored as Found[]) : undefined;
      });
      if (done) return done;
      const { sent, steps } = walk();
      if (steps.length === filters.length) throw new Error(`clickstream.expectSequence: every step went out, but not every one is stored as expected within ${timeout} ms.\n${this.arrived(filters[0])}`);
      const missing = filters[steps.length];
      const last = steps.at(-1);
      const after = sent.filter((s) => s.place > (last?.place ?? -1));
      const earlier = sent.filter((s) => s.place <= (last?.place ?? -1) && matches(s.event, missing, 'wire'));
      const lines = [
        `clickstream.expectSequence: step ${steps.length + 1} of ${filters.length}, ${showFilter(missing)}, not found ${last ? `after step ${steps.length} (${label(last.event, last.place)})` : ''} within ${timeout} ms.`,
        ...steps.map((s, i) => `  step ${i + 1}: ${label(s.event, s.place)}`),
        ...earlier.map((s) => `  It went out earlier, out of order: ${label(s.event, s.place)}`),
        `Events after it (${after.length}), closest first:`,
        ...(after.length ? closest(after, missing, 'wire') : ['  nothing']),
      ];
      throw new Error(lines.join('\n'));
    }, { box: true });
  }

  /** Waits for one matching event, then `settle` ms more: exactly one event_id may match (a retry is the same event). */
  expectExactlyOnce(filter: EventFilter, { timeout = DEFAULT_TIMEOUT, settle = 1_500 }: Wait & { settle?: number } = {}): Promise<Found> {
    return test.step(`clickstream.expectExactlyOnce ${showFilter(filter)}`, async () => {
      this.checkFilter(filter);
      const found = await this.poll(timeout, () => this.find(filter));
      if (!found) throw new Error(`clickstream.expectExactlyOnce: no event matching ${showFilter(filter)} within ${timeout} ms.\n${this.arrived(filter)}`);
      await sleep(settle);
      await this.settle();
      const onWire = this.sent().filter(({ event }) => matches(event, filter, 'wire'));
      const atRest = this.atRest ? this.stored(filter) : [];
      if (onWire.length <= 1 && atRest.length <= 1) return found;
      throw new Error([
        `clickstream.expectExactlyOnce: ${onWire.length} events matching ${showFilter(filter)} went out, each with its own event_id (a duplicate, not a retry); ${atRest.length} stored.`,
        ...onWire.map(({ event, place }) => `  ${label(event, place)} at ${event.client_timestamp}`),
      ].join('\n'));
    }, { box: true });
  }
}

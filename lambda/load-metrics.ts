// The loader's CloudWatch metrics, as Embedded Metric Format log lines: from isolated subnets the
// Lambda reaches no CloudWatch API, but CloudWatch Logs turns these lines into metrics by itself.
// The stack's alarms read the same names (infra/lib/loader-alarms.ts).

export const LOAD_METRICS = {
  namespace: 'Lumen/Warehouse',
  /** Seconds from the newest event in the warehouse (event_timestamp) to the end of the run. */
  newestEventAge: 'NewestEventAgeSeconds',
  eventsLoaded: 'EventsLoaded',
  badFiles: 'BadFiles',
} as const;

export type LoadFigures = { new: number; bad: number; newestEventAt: Date | null };

/** One EMF line for a finished run; without any event loaded yet there is no age to report. */
export function loadMetricsLine(result: LoadFigures, now: Date): string {
  const values: Record<string, number> = { [LOAD_METRICS.eventsLoaded]: result.new, [LOAD_METRICS.badFiles]: result.bad };
  if (result.newestEventAt) values[LOAD_METRICS.newestEventAge] = Math.max(0, Math.round((now.getTime() - result.newestEventAt.getTime()) / 1000));
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: LOAD_METRICS.namespace,
          Dimensions: [[]],
          Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: name === LOAD_METRICS.newestEventAge ? 'Seconds' : 'Count' })),
        },
      ],
    },
    ...values,
  });
}

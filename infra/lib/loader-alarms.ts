import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LOAD_METRICS } from '../../lambda/load-metrics';

/** An alarm when the newest event in the warehouse is older than this (see docs/deploy.md). */
export const LOAD_LAG_ALARM = Duration.hours(2);

/** The loader's three alarms, all to one SNS topic: a failed run, a failed-runs message, load lag. */
export class LoaderAlarms extends Construct {
  readonly errors: Alarm;
  readonly failedRuns: Alarm;
  readonly lag: Alarm;

  constructor(scope: Construct, id: string, props: { handler: IFunction; failedRuns: IQueue; topic: ITopic }) {
    super(scope, id);
    const alarm = (alarmId: string, alarmDescription: string, metric: IMetric, breach?: { threshold: number; missing: TreatMissingData }) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription,
        metric,
        evaluationPeriods: 1,
        // By default: any at all.
        threshold: breach?.threshold ?? 1,
        comparisonOperator: breach ? ComparisonOperator.GREATER_THAN_THRESHOLD : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: breach?.missing ?? TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(props.topic));
      return created;
    };
    this.errors = alarm(
      'Errors',
      'A warehouse load failed (see the loader logs and the failed-runs queue)',
      props.handler.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
    );
    this.failedRuns = alarm(
      'FailedRuns',
      'A scheduled warehouse load could not run or failed: messages in the failed-runs queue',
      props.failedRuns.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(15), statistic: 'Maximum' }),
    );
    this.lag = alarm(
      'Lag',
      `The newest event in the warehouse is more than ${LOAD_LAG_ALARM.toHours()} hours old, or the loader reports nothing`,
      new Metric({ namespace: LOAD_METRICS.namespace, metricName: LOAD_METRICS.newestEventAge, period: Duration.hours(1), statistic: 'Minimum' }),
      // No runs at all for an hour is lag too.
      { threshold: LOAD_LAG_ALARM.toSeconds(), missing: TreatMissingData.BREACHING },
    );
  }
}

import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FIREHOSE_BUFFER } from './firehose-delivery';

/** The live view is late when the consumer is this far behind the stream. */
export const ITERATOR_AGE_ALARM = Duration.minutes(1);
/** Firehose is late when its oldest undelivered record is this old (normal: about 1.5 x the buffer interval). */
export const DELIVERY_FRESHNESS_ALARM = Duration.seconds(FIREHOSE_BUFFER.intervalInSeconds * 10);

export type StreamAlarmsProps = { consumer: IFunction; deadLetters: IQueue; deliveryStreamName: string; topic: ITopic };

/** The stream transport's alarms, to the analytics topic: consumer lag, dead letters, Firehose delivery. */
export class StreamAlarms extends Construct {
  readonly iteratorAge: Alarm;
  readonly deadLetters: Alarm;
  readonly deliveryFreshness: Alarm;
  readonly deliverySuccess: Alarm;

  constructor(scope: Construct, id: string, props: StreamAlarmsProps) {
    super(scope, id);
    const alarm = (alarmId: string, alarmDescription: string, metric: IMetric, threshold: number, comparisonOperator: ComparisonOperator) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription,
        metric,
        threshold,
        comparisonOperator,
        evaluationPeriods: 1,
        // No traffic, no data points: quiet, not alarming.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(props.topic));
      return created;
    };
    const firehose = (metricName: string, statistic: string) =>
      new Metric({ namespace: 'AWS/Firehose', metricName, dimensionsMap: { DeliveryStreamName: props.deliveryStreamName }, statistic, period: Duration.minutes(5) });

    this.iteratorAge = alarm(
      'IteratorAge',
      `The live consumer is more than ${ITERATOR_AGE_ALARM.toSeconds()} s behind the event stream: the Live panel is late`,
      props.consumer.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      ITERATOR_AGE_ALARM.toMilliseconds(),
      ComparisonOperator.GREATER_THAN_THRESHOLD,
    );
    this.deadLetters = alarm(
      'DeadLetters',
      'Stream records the live consumer gave up on: see its dead-letter queue and logs',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
      0,
      ComparisonOperator.GREATER_THAN_THRESHOLD,
    );
    this.deliveryFreshness = alarm(
      'DeliveryFreshness',
      `Firehose has not delivered a record for more than ${DELIVERY_FRESHNESS_ALARM.toSeconds()} s: see its delivery logs (S3 errors, partitioning)`,
      firehose('DeliveryToS3.DataFreshness', 'Maximum'),
      DELIVERY_FRESHNESS_ALARM.toSeconds(),
      ComparisonOperator.GREATER_THAN_THRESHOLD,
    );
    this.deliverySuccess = alarm(
      'DeliverySuccess',
      'Firehose deliveries to S3 failed (DeliveryToS3.Success below 1): it retries, then writes to errors/',
      firehose('DeliveryToS3.Success', 'Minimum'),
      1,
      ComparisonOperator.LESS_THAN_THRESHOLD,
    );
  }
}

import type { AcquisitionReport } from '@/lib/insights/acquisition';
import styles from './insights.module.css';
import { MetricsTable } from './metrics-table';

const CHANNELS: Record<AcquisitionReport['channels'][number]['channel'], string> = {
  direct: 'Direct',
  organic_search: 'Organic search',
  paid: 'Paid',
  social: 'Social',
  email: 'Email',
  referral: 'Referral',
};
const none = (value: string | null) => value ?? '–';

/** Where the sessions came from, and which sources brought orders: by channel, campaign and landing page. */
export function AcquisitionPanel({ acquisition }: { acquisition: AcquisitionReport }) {
  return (
    <section aria-labelledby="acquisition-title" className={styles.section}>
      <h2 id="acquisition-title">Acquisition</h2>
      <p className={styles.muted}>Channels from the referring site and the landing page&apos;s UTM tags; campaigns from the UTM tags.</p>
      <div className={styles.stack}>
        <MetricsTable
          caption="Channels"
          report="acquisition"
          table="channels"
          rows={acquisition.channels}
          columns={[{ title: 'Channel', value: (r) => CHANNELS[r.channel] }]}
        />
        <MetricsTable
          caption="Campaigns"
          report="acquisition"
          table="campaigns"
          rows={acquisition.campaigns}
          columns={[
            { title: 'Campaign', value: (r) => none(r.utm_campaign) },
            { title: 'Source', value: (r) => none(r.utm_source) },
            { title: 'Medium', value: (r) => none(r.utm_medium) },
          ]}
        />
        <MetricsTable
          caption="Landing pages"
          report="acquisition"
          table="landing_pages"
          rows={acquisition.landing_pages}
          columns={[{ title: 'Page', value: (r) => r.path }]}
        />
      </div>
    </section>
  );
}

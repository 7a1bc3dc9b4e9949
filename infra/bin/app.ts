// The CDK app: two stacks, deployed together with
// `npx cdk deploy --all --parameters LumenClickstream:AllowedOrigins=https://main.<app-id>.amplifyapp.com`
// (see docs/deploy.md). Synth makes no AWS calls: account and region come from the deploy
// environment, and nothing is looked up.
import { App } from 'aws-cdk-lib';
import { AnalyticsStack, ingestionParts } from '../lib/analytics-stack';
import { ClickstreamStack } from '../lib/clickstream-stack';
import { INSIGHTS_LAMBDA_DIR, lambdaCode, LIVE_LAMBDA_DIR, LOADER_LAMBDA_DIR } from '../lib/lambda-code';
import { streamCapacityOf, transportOf } from '../lib/transport';

const app = new App();
// `-c transport=stream` (and optionally `-c streamShards=N`) chooses the stream design; see docs/deploy.md.
const transport = transportOf(app.node);
const store = new ClickstreamStack(app, 'LumenClickstream', {
  description: 'Lumen storefront: clickstream ingestion, raw events, shopper sign-in, Athena table',
  lambdaCode: lambdaCode(app.node.tryGetContext('lambdaDir')),
  transport,
  streamCapacity: streamCapacityOf(app.node),
});
new AnalyticsStack(app, 'LumenAnalytics', {
  description: 'Lumen storefront: warehouse database, scheduled loader, insights API',
  ...ingestionParts(store),
  loaderCode: lambdaCode(LOADER_LAMBDA_DIR),
  insightsCode: lambdaCode(INSIGHTS_LAMBDA_DIR),
  ...(transport === 'stream' && { liveCode: lambdaCode(LIVE_LAMBDA_DIR) }),
});
app.synth();


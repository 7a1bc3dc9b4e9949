// The CDK app: `npx cdk deploy --parameters AllowedOrigins=https://main.<app-id>.amplifyapp.com`
// (see docs/deploy.md). Synth makes no AWS calls: account and region come from the deploy
// environment, and nothing is looked up.
import { App } from 'aws-cdk-lib';
import { ClickstreamStack } from '../lib/clickstream-stack';
import { lambdaCode } from '../lib/lambda-code';

const app = new App();
new ClickstreamStack(app, 'LumenClickstream', {
  description: 'Lumen storefront: clickstream ingestion, raw events, shopper sign-in, Athena table',
  lambdaCode: lambdaCode(app.node.tryGetContext('lambdaDir')),
});
app.synth();

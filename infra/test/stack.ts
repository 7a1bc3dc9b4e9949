import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AnalyticsStack, ingestionParts } from '../lib/analytics-stack';
import { ClickstreamStack } from '../lib/clickstream-stack';
import { INSIGHTS_LAMBDA_DIR, lambdaCode, LIVE_LAMBDA_DIR, LOADER_LAMBDA_DIR } from '../lib/lambda-code';
import type { StreamCapacity, Transport } from '../lib/transport';


type Design = { transport?: Transport; streamCapacity?: StreamCapacity };

function ingestionStack(app: App, design: Design = {}): ClickstreamStack {
  return new ClickstreamStack(app, 'LumenClickstreamTest', { lambdaCode: lambdaCode(), ...design });
}

/**
 * Synthesizes the ingestion stack as `bin/app.ts` does, with the real handler bundle. Alone: the
 * analytics stack beside it only adds exports, and would make every test file slower.
 */
export function synthStack(design: Design = {}): { stack: ClickstreamStack; template: Template } {
  const stack = ingestionStack(new App(), design);
  return { stack, template: Template.fromStack(stack) };
}

/** Both stacks, wired as in `bin/app.ts`; the template is the analytics stack's. */
export function synthAnalytics(design: Design = {}): { stack: AnalyticsStack; store: ClickstreamStack; template: Template } {
  const app = new App();
  const store = ingestionStack(app, design);
  const stack = new AnalyticsStack(app, 'LumenAnalyticsTest', {
    ...ingestionParts(store),
    loaderCode: lambdaCode(LOADER_LAMBDA_DIR),
    insightsCode: lambdaCode(INSIGHTS_LAMBDA_DIR),
    ...(design.transport === 'stream' && { liveCode: lambdaCode(LIVE_LAMBDA_DIR) }),
  });
  return { stack, store, template: Template.fromStack(stack) };
}

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** The one resource of a type, failing when there is none or several. */
export function only(template: Template, type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

export type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every statement of the inline policies attached to a role, wherever CDK put them. */
export function statementsOf(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

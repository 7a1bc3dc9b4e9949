import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ClickstreamStack } from '../lib/clickstream-stack';
import { lambdaCode } from '../lib/lambda-code';

/** Synthesizes the stack as `bin/app.ts` does, with the real handler bundle. */
export function synthStack(): { stack: ClickstreamStack; template: Template } {
  const app = new App();
  const stack = new ClickstreamStack(app, 'LumenClickstreamTest', { lambdaCode: lambdaCode() });
  return { stack, template: Template.fromStack(stack) };
}

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** The one resource of a type, failing when there is none or several. */
export function only(template: Template, type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

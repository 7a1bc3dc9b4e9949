// docs/testing.md shows e2e/cart-quantity.spec.ts whole as its example: the two must not drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..');

it("docs/testing.md's complete example is e2e/cart-quantity.spec.ts, as it runs in the suite", () => {
  const spec = fs.readFileSync(path.join(repo, 'e2e/cart-quantity.spec.ts'), 'utf8');
  const code = spec.replace(/^(\/\/.*\n)+/, '');
  const doc = fs.readFileSync(path.join(repo, 'docs/testing.md'), 'utf8');
  expect(doc).toContain('```ts\n' + code + '```');
});

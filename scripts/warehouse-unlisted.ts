import { formatUnlisted } from '@/lib/warehouse/load';
import type { Unlisted } from '@/lib/warehouse/unlisted';

/** The loader's warning with the local command that loads those files (`npm run warehouse:load` and the dev loop). */
export function unlistedAdvice(unlisted: Unlisted): string {
  return `${formatUnlisted(unlisted)}; load them with npm run warehouse:load -- --from ${unlisted.oldest.replaceAll('/', '-')}`;
}

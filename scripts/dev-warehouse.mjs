// `npm run dev`'s warehouse (docs/warehouse.md): scripts/warehouse-loop.ts runs the embedded
// PostgreSQL on WAREHOUSE_PG_PORT (unless DATABASE_URL names a database of your own) and loads the
// stored events every WAREHOUSE_LOAD_INTERVAL_SECONDS; 0 leaves the warehouse out. dev.mjs adds
// `warehousePorts(setting)` to its ports and starts `warehouseService(setting, ports.warehouse)`.
import { listening } from './dev-ports.mjs';

const off = (setting) => setting('WAREHOUSE_LOAD_INTERVAL_SECONDS')?.trim() === '0';

/** The port to check before anything starts: none when DATABASE_URL is set or the warehouse is off. */
export function warehousePorts(setting) {
  if (off(setting) || setting('DATABASE_URL')) return {};
  return { warehouse: { variable: 'WAREHOUSE_PG_PORT', fallback: 54329, host: '127.0.0.1' } };
}

/** The service for services.start(), ready once PostgreSQL listens (at once with DATABASE_URL); null when off. */
export function warehouseService(setting, port) {
  if (off(setting)) return null;
  return {
    name: 'warehouse',
    args: ['--import', 'tsx', 'scripts/warehouse-loop.ts'],
    env: port ? { WAREHOUSE_PG_PORT: String(port.port) } : {},
    ready: port ? () => listening(port.port) : undefined,
  };
}

// The embedded warehouse's address, apart from the module that starts it, so that readers (the
// insights API in Next.js) can connect without bundling the server package.
export const WAREHOUSE_DATABASE = 'clickstream_dw';

// A local, loopback-only server: the password only keeps the pg client's auth handshake simple.
export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';

export function embeddedWarehouseUrl(port: number, database = WAREHOUSE_DATABASE): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

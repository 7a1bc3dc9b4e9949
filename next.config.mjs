/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` serves its dev assets to localhost only; the scripts and docs also use 127.0.0.1.
  allowedDevOrigins: ['127.0.0.1'],
  // The ingestion endpoint logs its own line per request under `next dev` (lib/ingest/log.ts).
  logging: { incomingRequests: { ignore: [/^\/api\/clickstream/] } },
  images: {
    // Product art is SVG made for this project and served from public/.
    dangerouslyAllowSVG: true,
    contentDispositionType: 'attachment',
    contentSecurityPolicy: "default-src 'self'; script-src 'none'; sandbox;",
  },
};

export default nextConfig;

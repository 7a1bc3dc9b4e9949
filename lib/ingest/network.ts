import { isIP, isIPv4, isIPv6 } from 'node:net';

/** Zeroes the last IPv4 octet or the last 80 bits of an IPv6 address; null when it is not an IP. */
export function anonymiseIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let ip = raw.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  if (isIPv4(ip)) return ip.replace(/\.\d+$/, '.0');
  if (!isIPv6(ip)) return null;
  // Keep the first 48 bits (three groups) and zero the rest.
  const [head, tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = ip.includes('::') ? [...headGroups, ...Array(missing).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 3).map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::`;
}

/**
 * The client address seen by the nearest proxy: the last X-Forwarded-For entry, or the first one
 * when `trustForwardedFor` is on (the platform in front rewrites the header, so its first entry is
 * the real client). Null when that entry is not an IP address: the header is the client's to write.
 */
export function clientIpFromForwardedFor(header: string | null, trustForwardedFor: boolean): string | null {
  if (!header) return null;
  const entries = header.split(',').map((entry) => entry.trim()).filter(Boolean);
  const ip = trustForwardedFor ? entries[0] : entries[entries.length - 1];
  return ip && isIP(ip) ? ip : null;
}

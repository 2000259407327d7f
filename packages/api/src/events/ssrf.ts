import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ApiError } from '../errors';

/** Resolves a hostname to every address it has (injectable, so tests can play DNS). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    const options: LookupAllOptions = { all: true, verbatim: true };
    dnsLookup(hostname, options, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

export type EndpointMode = 'test' | 'live';

function blockList(v4: string[], v6: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of v4) {
    const [net, bits] = cidr.split('/');
    list.addSubnet(net ?? '', Number(bits), 'ipv4');
  }
  for (const cidr of v6) {
    const [net, bits] = cidr.split('/');
    list.addSubnet(net ?? '', Number(bits), 'ipv6');
  }
  return list;
}

const LOOPBACK = blockList(['127.0.0.0/8'], ['::1/128']);

/** Never a webhook target: private, link-local (cloud metadata), shared, reserved, multicast. */
const FORBIDDEN = blockList(
  [
    '0.0.0.0/8',
    '10.0.0.0/8',
    '100.64.0.0/10',
    '169.254.0.0/16',
    '172.16.0.0/12',
    '192.0.0.0/24',
    '192.0.2.0/24',
    '192.88.99.0/24',
    '192.168.0.0/16',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '224.0.0.0/4',
    '240.0.0.0/4',
  ],
  [
    '::/128',
    '100::/64',
    '2001:db8::/32',
    'fc00::/7', // unique local, includes AWS's fd00:ec2::254 metadata address
    'fe80::/10',
    'fec0::/10',
    'ff00::/8',
  ],
);

/** The IPv4 address inside an IPv4-mapped, -compatible or NAT64 IPv6 address, if any. */
function embeddedIPv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = lower.match(/^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) return dotted[1];
  const hex = lower.match(/^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hex?.[1] && hex[2]) {
    const hi = Number.parseInt(hex[1], 16);
    const lo = Number.parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return undefined;
}

/**
 * Why an address may not receive webhooks in `mode`, or undefined when it may. Loopback is
 * allowed in test mode only (a developer's own machine); everything non-public never.
 *
 * @example
 * refusedAddressReason('169.254.169.254', 'live') // 'link-local, private or reserved address'
 */
export function refusedAddressReason(address: string, mode: EndpointMode): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const v4 = embeddedIPv4(address);
    if (v4) return refusedAddressReason(v4, mode);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(address, type)) return mode === 'test' ? undefined : 'loopback address';
  if (FORBIDDEN.check(address, type)) return 'link-local, private or reserved address';
  return undefined;
}

/** `[::1]` → `::1`: URL keeps the brackets of an IPv6 host. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function refused(message: string, reason: string): ApiError {
  return new ApiError('webhook_url_refused', message, { field: 'url', reason });
}

/**
 * Checks an endpoint URL before it is stored: https in live mode (http allowed in test mode),
 * no credentials, and every address the host resolves to must be public (loopback too in
 * test mode). Delivery checks the addresses again at connect time.
 *
 * @example
 * await assertDeliverableUrl('https://shop.example/webhooks', 'live', systemResolver);
 */
export async function assertDeliverableUrl(
  raw: string,
  mode: EndpointMode,
  resolve: ResolveHost,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused('The URL is not a valid absolute URL.', 'invalid_url');
  }
  if (url.protocol !== 'https:' && !(mode === 'test' && url.protocol === 'http:')) {
    throw refused(
      mode === 'live'
        ? 'Live endpoints must use https.'
        : 'Endpoints must use https (or http in test mode).',
      'scheme',
    );
  }
  if (url.username || url.password) {
    throw refused('The URL may not carry credentials.', 'credentials');
  }
  const host = bareHostname(url);
  if (isIP(host)) {
    const reason = refusedAddressReason(host, mode);
    if (reason) throw refused(`${host} may not receive webhooks: ${reason}.`, 'address');
    return url;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    throw refused(`${host} does not resolve.`, 'dns');
  }
  if (addresses.length === 0) throw refused(`${host} does not resolve.`, 'dns');
  for (const { address } of addresses) {
    const reason = refusedAddressReason(address, mode);
    if (reason) {
      throw refused(
        `${host} resolves to ${address}, which may not receive webhooks: ${reason}.`,
        'address',
      );
    }
  }
  return url;
}

/** Thrown by the connect-time lookup; the attempt is recorded with this message. */
export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
}

/**
 * A `lookup` for `http.request`/`net.connect` that resolves the host and refuses the
 * connection when any address is not allowed. The socket connects to the address checked
 * here, so a DNS answer that changes between the check and the connect (rebinding) cannot
 * slip through.
 */
export function guardedLookup(mode: EndpointMode, resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = typeof options === 'object' ? options.family : undefined;
        const usable = addresses.filter(
          (a) => !family || family === 0 || a.family === family || family === `IPv${a.family}`,
        );
        for (const { address } of usable) {
          const reason = refusedAddressReason(address, mode);
          if (reason) {
            callback(
              new RefusedAddressError(`${hostname} resolves to ${address}: ${reason}`),
              '',
              4,
            );
            return;
          }
        }
        const first = usable[0];
        if (!first) {
          callback(new RefusedAddressError(`${hostname} does not resolve`), '', 4);
          return;
        }
        if (typeof options === 'object' && options.all) {
          (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

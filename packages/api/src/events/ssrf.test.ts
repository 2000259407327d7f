import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { assertDeliverableUrl, type ResolveHost, refusedAddressReason } from './ssrf';

/** DNS that answers from a table, like an attacker-controlled zone would. */
const dns =
  (table: Record<string, string[]>): ResolveHost =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const resolver = dns({
  'shop.example': ['93.184.216.34'],
  'internal.example': ['10.0.0.1'],
  'mixed.example': ['93.184.216.34', '192.168.1.20'],
  'v6.example': ['2606:2800:220:1:248:1893:25c8:1946'],
  'v6loop.example': ['::1'],
  localhost: ['127.0.0.1', '::1'],
});

async function refusal(url: string, mode: 'test' | 'live') {
  try {
    await assertDeliverableUrl(url, mode, resolver);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('webhook_url_refused');
    expect((error as ApiError).status).toBe(422);
    return (error as ApiError).details as { reason: string };
  }
}

describe('endpoint URLs in live mode', () => {
  it.each([
    ['http://127.0.0.1/hooks', 'scheme'],
    ['https://127.0.0.1/hooks', 'address'],
    ['https://127.1.2.3/hooks', 'address'],
    ['http://169.254.169.254/latest/meta-data', 'scheme'],
    ['https://169.254.169.254/latest/meta-data', 'address'],
    ['https://internal.example/hooks', 'address'],
    ['https://mixed.example/hooks', 'address'],
    ['https://[::1]/hooks', 'address'],
    ['https://v6loop.example/hooks', 'address'],
    ['https://[::ffff:127.0.0.1]/hooks', 'address'],
    ['https://[::ffff:a9fe:a9fe]/hooks', 'address'],
    ['https://[fe80::1]/hooks', 'address'],
    ['https://[fd00:ec2::254]/hooks', 'address'],
    ['https://0.0.0.0/hooks', 'address'],
    ['https://localhost/hooks', 'address'],
    ['https://nowhere.example/hooks', 'dns'],
    ['https://user:pw@shop.example/hooks', 'credentials'],
    ['ftp://shop.example/hooks', 'scheme'],
    ['not a url', 'invalid_url'],
  ])('%s is refused (%s)', async (url, reason) => {
    expect(await refusal(url, 'live')).toMatchObject({ reason });
  });

  it('a public https host is accepted, IPv4 and IPv6', async () => {
    expect(await refusal('https://shop.example/hooks', 'live')).toBeUndefined();
    expect(await refusal('https://v6.example/hooks', 'live')).toBeUndefined();
  });
});

describe('endpoint URLs in test mode', () => {
  it('http://localhost and loopback are allowed for local development', async () => {
    expect(await refusal('http://localhost:3000/webhooks', 'test')).toBeUndefined();
    expect(await refusal('http://127.0.0.1:3000/webhooks', 'test')).toBeUndefined();
    expect(await refusal('http://[::1]:3000/webhooks', 'test')).toBeUndefined();
  });

  it('private, link-local and metadata addresses stay refused', async () => {
    expect(await refusal('http://169.254.169.254/', 'test')).toMatchObject({ reason: 'address' });
    expect(await refusal('http://internal.example/', 'test')).toMatchObject({ reason: 'address' });
    expect(await refusal('http://[fd00:ec2::254]/', 'test')).toMatchObject({ reason: 'address' });
  });
});

describe('refusedAddressReason', () => {
  it('sees IPv4 inside IPv6 (mapped and NAT64)', () => {
    expect(refusedAddressReason('::ffff:10.1.2.3', 'live')).toBeDefined();
    expect(refusedAddressReason('64:ff9b::a9fe:a9fe', 'live')).toBeDefined();
    expect(refusedAddressReason('::ffff:93.184.216.34', 'live')).toBeUndefined();
  });
});

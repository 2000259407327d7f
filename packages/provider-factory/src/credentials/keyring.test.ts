import { describe, expect, it } from 'vitest';
import {
  CredentialsCryptoError,
  generateKeyringEntry,
  openCredentials,
  parseKeyring,
  resealCredentials,
  sealCredentials,
} from './keyring';

const ctx = { tenantId: 'org_a', provider: 'stripe' };
const secret = JSON.stringify({ secretKey: 'sk_test_123' });

function expectCode(fn: () => unknown, code: CredentialsCryptoError['code']) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CredentialsCryptoError);
    expect((error as CredentialsCryptoError).code).toBe(code);
    return error as CredentialsCryptoError;
  }
  throw new Error('expected a CredentialsCryptoError');
}

describe('credentials encryption', () => {
  const keyring = parseKeyring(generateKeyringEntry('k1'));

  it('round-trips and never repeats an IV', () => {
    const a = sealCredentials(keyring, ctx, secret);
    const b = sealCredentials(keyring, ctx, secret);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain('sk_test');
    expect(openCredentials(keyring, ctx, a)).toBe(secret);
    expect(a.keyId).toBe('k1');
  });

  it('refuses a ciphertext moved to another tenant or provider', () => {
    const sealed = sealCredentials(keyring, ctx, secret);
    expectCode(
      () => openCredentials(keyring, { ...ctx, tenantId: 'org_b' }, sealed),
      'decryption_failed',
    );
    expectCode(
      () => openCredentials(keyring, { ...ctx, provider: 'sandbox' }, sealed),
      'decryption_failed',
    );
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = sealCredentials(keyring, ctx, secret);
    const raw = Buffer.from(sealed.ciphertext.slice(3), 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expectCode(
      () =>
        openCredentials(keyring, ctx, { ...sealed, ciphertext: `v1.${raw.toString('base64url')}` }),
      'decryption_failed',
    );
    expectCode(
      () => openCredentials(keyring, ctx, { ...sealed, ciphertext: 'v1.AAAA' }),
      'malformed_ciphertext',
    );
  });

  it('rotates: new key encrypts, old key still decrypts, reseal moves values over', () => {
    const old = sealCredentials(keyring, ctx, secret);
    const k1 = generateKeyringEntry('k1');
    const rotated = parseKeyring(`${generateKeyringEntry('k2')},${k1}`);
    const before = parseKeyring(k1);
    const sealedOld = sealCredentials(before, ctx, secret);
    expect(openCredentials(rotated, ctx, sealedOld)).toBe(secret);
    const moved = resealCredentials(rotated, ctx, sealedOld);
    expect(moved.keyId).toBe('k2');
    expect(openCredentials(rotated, ctx, moved)).toBe(secret);
    // same key id, different material (a botched rotation): refused, and nothing leaks
    const error = expectCode(() => openCredentials(rotated, ctx, old), 'decryption_failed');
    expect(error.message).not.toContain('sk_test');
    expectCode(
      () => openCredentials(parseKeyring(generateKeyringEntry('k3')), ctx, sealedOld),
      'unknown_key',
    );
  });

  it('rejects malformed keyrings without echoing key material', () => {
    const error = expectCode(() => parseKeyring('k1:c2hvcnQ='), 'invalid_keyring');
    expect(error.message).not.toContain('c2hvcnQ');
    expectCode(() => parseKeyring('nocolon'), 'invalid_keyring');
    const entry = generateKeyringEntry('k1');
    expectCode(() => parseKeyring(`${entry},${entry}`), 'invalid_keyring');
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A master key that seals provider credentials. `id` is stored beside each ciphertext. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Encrypts with the first key; decrypts with whichever key sealed the value (rotation). */
export interface Keyring {
  primary: MasterKey;
  keys: ReadonlyMap<string, MasterKey>;
}

export class CredentialsCryptoError extends Error {
  override name = 'CredentialsCryptoError';
  constructor(
    readonly code: 'invalid_keyring' | 'unknown_key' | 'decryption_failed' | 'malformed_ciphertext',
    message: string,
  ) {
    super(message);
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `CREDENTIALS_ENCRYPTION_KEYS`: comma-separated `keyId:base64(32 bytes)` entries, the
 * first one encrypting new values. Errors never echo key material.
 *
 * @example
 * parseKeyring('k2:…base64…,k1:…base64…') // encrypts with k2, still decrypts k1 values
 */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, MasterKey>();
  let primary: MasterKey | undefined;
  for (const [index, entry] of spec.split(',').entries()) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    const material = entry.slice(separator + 1).trim();
    if (separator < 0 || !KEY_ID.test(id)) {
      throw new CredentialsCryptoError(
        'invalid_keyring',
        `CREDENTIALS_ENCRYPTION_KEYS entry ${index + 1} must look like keyId:base64key`,
      );
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) {
      throw new CredentialsCryptoError(
        'invalid_keyring',
        `CREDENTIALS_ENCRYPTION_KEYS key "${id}" must be 32 bytes of base64 (AES-256)`,
      );
    }
    if (keys.has(id)) {
      throw new CredentialsCryptoError('invalid_keyring', `duplicate key id "${id}"`);
    }
    const masterKey = { id, key };
    keys.set(id, masterKey);
    primary ??= masterKey;
  }
  if (!primary) throw new CredentialsCryptoError('invalid_keyring', 'no key given');
  return { primary, keys };
}

/** A fresh `keyId:base64` entry for `CREDENTIALS_ENCRYPTION_KEYS`. */
export function generateKeyringEntry(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** Binds a ciphertext to its tenant and provider: moved elsewhere, it no longer decrypts. */
function associatedData(tenantId: string, provider: string): Buffer {
  return Buffer.from(JSON.stringify(['prood-credentials-v1', tenantId, provider]), 'utf8');
}

export interface SealedCredentials {
  keyId: string;
  /** `v1.` + base64url(iv ‖ tag ‖ ciphertext) */
  ciphertext: string;
}

/** AES-256-GCM with a random 96-bit IV; tenant and provider are the associated data. */
export function sealCredentials(
  keyring: Keyring,
  context: { tenantId: string; provider: string },
  plaintext: string,
): SealedCredentials {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.primary.key, iv);
  cipher.setAAD(associatedData(context.tenantId, context.provider));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    keyId: keyring.primary.id,
    ciphertext: `v1.${Buffer.concat([iv, tag, body]).toString('base64url')}`,
  };
}

export function openCredentials(
  keyring: Keyring,
  context: { tenantId: string; provider: string },
  sealed: SealedCredentials,
): string {
  const masterKey = keyring.keys.get(sealed.keyId);
  if (!masterKey) {
    throw new CredentialsCryptoError(
      'unknown_key',
      `credentials were sealed with key "${sealed.keyId}", which is not in CREDENTIALS_ENCRYPTION_KEYS`,
    );
  }
  if (!sealed.ciphertext.startsWith('v1.')) {
    throw new CredentialsCryptoError('malformed_ciphertext', 'unsupported credentials format');
  }
  const raw = Buffer.from(sealed.ciphertext.slice(3), 'base64url');
  if (raw.length < 12 + 16) {
    throw new CredentialsCryptoError('malformed_ciphertext', 'credentials ciphertext is truncated');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey.key, raw.subarray(0, 12));
    decipher.setAAD(associatedData(context.tenantId, context.provider));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new CredentialsCryptoError(
      'decryption_failed',
      'credentials could not be decrypted for this tenant and provider',
    );
  }
}

/** Re-seals a value under the keyring's primary key (key rotation). */
export function resealCredentials(
  keyring: Keyring,
  context: { tenantId: string; provider: string },
  sealed: SealedCredentials,
): SealedCredentials {
  if (sealed.keyId === keyring.primary.id) return sealed;
  return sealCredentials(keyring, context, openCredentials(keyring, context, sealed));
}

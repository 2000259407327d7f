import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateApiKeySecret } from '@prood/db';
import { generateKeyringEntry } from '@prood/provider-factory/credentials';

/** Secrets the embedded default needs, generated once into `.data/secrets.json` (0600). */
export interface LocalSecrets {
  checkoutApiSecret: string;
  credentialsEncryptionKeys: string;
  betterAuthSecret: string;
  demoApiKey: string;
  demoPassword: string;
  sandboxWebhookSecret: string;
}

function generate(): LocalSecrets {
  return {
    checkoutApiSecret: randomBytes(32).toString('base64url'),
    credentialsEncryptionKeys: generateKeyringEntry('local1'),
    betterAuthSecret: randomBytes(32).toString('base64url'),
    demoApiKey: generateApiKeySecret('test'),
    demoPassword: `demo-${randomBytes(9).toString('base64url')}`,
    sandboxWebhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
  };
}

export function loadOrCreateSecrets(dataDir: string): { secrets: LocalSecrets; created: boolean } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    // Older files may lack a newer secret: fill it in, keep everything that exists.
    const merged = { ...generate(), ...stored };
    if (Object.keys(stored).length !== Object.keys(merged).length) {
      writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
    }
    return { secrets: merged, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = generate();
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return { secrets, created: true };
}

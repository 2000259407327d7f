import { randomBytes } from 'node:crypto';
import { createDatabase, generateApiKeySecret, insertApiKey } from '@prood/db';
import { checkoutSettings, integrations, organizations, prices, products } from '@prood/db/schema';
import { parseKeyring, sealCredentials } from '@prood/provider-factory/credentials';
import { newId } from '@prood/validators';
import { databaseUrl, demoSecrets } from './platform';

export interface StripeTenant {
  tenantId: string;
  apiKey: string;
  priceId: string;
  credentials: { secretKey: string; publishableKey: string; webhookSecret: string };
}

const alnum = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * A second merchant, on Stripe only (test keys the Stripe fake accepts), seeded straight into
 * the run's database the way `pnpm dev` seeds the demo tenant: credentials sealed with the
 * run's keyring, one product, a storefront API key. The demo tenant stays on the sandbox.
 */
export async function seedStripeTenant(
  options: { stripeFlow?: 'embedded' | 'hosted' } = {},
): Promise<StripeTenant> {
  const db = createDatabase(databaseUrl, { max: 1, applicationName: 'prood-e2e-seed' });
  try {
    const tenantId = newId('organization');
    const credentials = {
      secretKey: `sk_test_${alnum(12)}`,
      publishableKey: `pk_test_${alnum(12)}`,
      webhookSecret: `whsec_${alnum(16)}`,
    };
    const apiKey = generateApiKeySecret('test');
    const priceId = newId('price');
    await db.transaction(async (tx) => {
      await tx.insert(organizations).values({
        id: tenantId,
        name: 'Stripe Tea Traders',
        slug: `stripe-tea-${alnum(4)}`,
        allowedOrigins: ['http://localhost:3000'],
        defaultCurrency: 'EUR',
      });
      const sealed = sealCredentials(
        parseKeyring(demoSecrets().credentialsEncryptionKeys),
        { tenantId, provider: 'stripe' },
        JSON.stringify(credentials),
      );
      await tx.insert(integrations).values({
        id: newId('integration'),
        tenantId,
        provider: 'stripe',
        mode: 'test',
        encryptedCredentials: sealed.ciphertext,
        keyId: sealed.keyId,
        maskedCredentials: JSON.stringify({
          secretKey: `sk_test_…${credentials.secretKey.slice(-4)}`,
        }),
      });
      const productId = newId('product');
      await tx.insert(products).values({ id: productId, tenantId, name: 'Sencha, 100 g' });
      await tx.insert(prices).values({
        id: priceId,
        tenantId,
        productId,
        currency: 'EUR',
        unitAmount: 1450,
        taxBehavior: 'exclusive',
      });
      await tx.insert(checkoutSettings).values({
        tenantId,
        accentColor: '#1d5c3a',
        stripeFlow: options.stripeFlow ?? 'embedded',
      });
      await insertApiKey(tx, { tenantId, name: 'Tea storefront', mode: 'test', secret: apiKey });
    });
    return { tenantId, apiKey, priceId, credentials };
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}

import { createAuth } from '@prood/api/trpc';
import { createDatabase, insertApiKey } from '@prood/db';
import {
  checkoutSettings,
  coupons,
  integrations,
  members,
  organizations,
  prices,
  products,
  shippingRates,
  taxRates,
} from '@prood/db/schema';
import { parseKeyring, sealCredentials } from '@prood/provider-factory/credentials';
import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import type { LocalSecrets } from './secrets';

export const DEMO_TENANT_SLUG = 'demo';
export const DEMO_EMAIL = 'demo@prood.dev';

export interface SeedResult {
  tenantId: string;
  created: boolean;
}

/**
 * Seeds the demo tenant once: sandbox integration, products with prices, a coupon, a tax rate
 * and an API key. Runs under an advisory lock so two starts cannot seed twice.
 */
export async function seedDemoTenant(url: string, secrets: LocalSecrets): Promise<SeedResult> {
  const db = createDatabase(url, { max: 1, applicationName: 'prood-seed' });
  try {
    const result = await db.transaction(async (tx) => {
      await tx.execute("select pg_advisory_xact_lock(hashtext('prood:seed'))");
      const [existing] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.slug, DEMO_TENANT_SLUG));
      if (existing) return { tenantId: existing.id, created: false };

      const tenantId = newId('organization');
      await tx.insert(organizations).values({
        id: tenantId,
        name: 'Demo Coffee Roasters',
        slug: DEMO_TENANT_SLUG,
        allowedOrigins: ['http://localhost:3000', 'http://localhost:3004'],
        defaultCurrency: 'EUR',
      });

      const keyring = parseKeyring(secrets.credentialsEncryptionKeys);
      const sealed = sealCredentials(
        keyring,
        { tenantId, provider: 'sandbox' },
        JSON.stringify({ webhookSecret: secrets.sandboxWebhookSecret }),
      );
      await tx.insert(integrations).values({
        id: newId('integration'),
        tenantId,
        provider: 'sandbox',
        mode: 'test',
        encryptedCredentials: sealed.ciphertext,
        keyId: sealed.keyId,
        maskedCredentials: JSON.stringify({
          webhookSecret: `whsec_…${secrets.sandboxWebhookSecret.slice(-4)}`,
        }),
      });

      const catalog = [
        { name: 'House Blend, 1 kg', amount: 2490, stock: 120 },
        { name: 'Single Origin Ethiopia, 250 g', amount: 1290, stock: 40 },
        { name: 'Brewing Guide (PDF)', amount: 900, stock: null },
      ];
      for (const item of catalog) {
        const productId = newId('product');
        await tx.insert(products).values({
          id: productId,
          tenantId,
          name: item.name,
          trackStock: item.stock !== null,
          stock: item.stock,
        });
        await tx.insert(prices).values({
          id: newId('price'),
          tenantId,
          productId,
          currency: 'EUR',
          unitAmount: item.amount,
          taxBehavior: 'exclusive',
        });
      }
      const subscriptionProduct = newId('product');
      await tx.insert(products).values({
        id: subscriptionProduct,
        tenantId,
        name: 'Monthly Coffee Club',
      });
      await tx.insert(prices).values({
        id: newId('price'),
        tenantId,
        productId: subscriptionProduct,
        currency: 'EUR',
        unitAmount: 1900,
        type: 'recurring',
        recurringInterval: 'month',
        recurringIntervalCount: 1,
      });

      await tx.insert(coupons).values({
        id: newId('coupon'),
        tenantId,
        code: 'WELCOME10',
        kind: 'percent',
        percentOffBps: 1000,
        maxUses: 1000,
      });
      await tx.insert(taxRates).values({
        id: newId('taxRate'),
        tenantId,
        name: 'VAT Germany',
        country: 'DE',
        rateBps: 1900,
        inclusive: false,
      });
      await tx.insert(checkoutSettings).values({
        tenantId,
        accentColor: '#7a3e12',
        shippingCountries: ['DE', 'AT', 'FR', 'NL', 'BE'],
        collectPhone: true,
      });
      await tx.insert(shippingRates).values([
        {
          id: newId('shippingRate'),
          tenantId,
          name: 'Standard',
          amount: 490,
          currency: 'EUR',
          freeAbove: 5000,
          minDeliveryDays: 3,
          maxDeliveryDays: 5,
          sortOrder: 0,
        },
        {
          id: newId('shippingRate'),
          tenantId,
          name: 'Express',
          amount: 1290,
          currency: 'EUR',
          minDeliveryDays: 1,
          maxDeliveryDays: 2,
          sortOrder: 1,
        },
      ]);
      await insertApiKey(tx, {
        tenantId,
        name: 'Demo storefront',
        mode: 'test',
        secret: secrets.demoApiKey,
      });
      return { tenantId, created: true };
    });
    if (result.created) await seedDemoUser(db, result.tenantId, secrets);
    return result;
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}

/** The dashboard's demo owner, signed up through better-auth so the password hash is its own. */
async function seedDemoUser(
  db: ReturnType<typeof createDatabase>,
  tenantId: string,
  secrets: LocalSecrets,
): Promise<void> {
  const auth = createAuth({
    db,
    secret: secrets.betterAuthSecret,
    baseURL: 'http://localhost:3001',
    trustedOrigins: [],
    personalOrganization: false,
  });
  const { user } = await auth.api.signUpEmail({
    body: { email: DEMO_EMAIL, password: secrets.demoPassword, name: 'Demo Owner' },
  });
  await db.insert(members).values({
    id: newId('member'),
    organizationId: tenantId,
    userId: user.id,
    role: 'owner',
  });
}

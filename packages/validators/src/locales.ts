/** The languages the hosted checkout page speaks; a tenant's default locale is one of them. */
export const CHECKOUT_LOCALES = ['en', 'de', 'fr', 'es', 'nl', 'pt'] as const;
export type CheckoutLocale = (typeof CHECKOUT_LOCALES)[number];

import { createNextConfig } from '@prood/next-config';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

// /api/auth and /api/trpc are forwarded to the commerce API by route handlers (src/app/api),
// which read COMMERCE_API_URL at run time, so one build serves every deployment.
export default withNextIntl(createNextConfig());

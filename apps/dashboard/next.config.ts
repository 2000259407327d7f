import { createNextConfig } from '@prood/next-config';
import { env } from './src/env';

// Sign-in and tRPC live in the commerce API; proxying them keeps the dashboard's session
// cookie first-party and the browser on one origin.
export default createNextConfig({
  async rewrites() {
    return [
      { source: '/api/auth/:path*', destination: `${env.COMMERCE_API_URL}/api/auth/:path*` },
      { source: '/api/trpc/:path*', destination: `${env.COMMERCE_API_URL}/api/trpc/:path*` },
    ];
  },
});

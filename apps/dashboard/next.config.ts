import { createNextConfig } from '@prood/next-config';
import { env } from './src/env';

// Sign-in and tRPC live in the commerce API; proxying them keeps the dashboard's session
// cookie first-party and the browser on one origin. Rewrites are fixed at build time, so a
// production build must see the real COMMERCE_API_URL (the default is for local builds).
const apiUrl = env.COMMERCE_API_URL ?? 'http://localhost:3002';

export default createNextConfig({
  async rewrites() {
    return [
      { source: '/api/auth/:path*', destination: `${apiUrl}/api/auth/:path*` },
      { source: '/api/trpc/:path*', destination: `${apiUrl}/api/trpc/:path*` },
    ];
  },
});

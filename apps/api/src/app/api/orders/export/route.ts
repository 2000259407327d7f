import { getDashboardApiHandler } from '../../../../server/dashboard';

export const dynamic = 'force-dynamic';

// the dashboard's orders CSV download (session cookie, tenant-scoped), streamed by @prood/api
const handle = (request: Request) => getDashboardApiHandler()(request);

export { handle as GET };

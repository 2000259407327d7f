import { getDashboardApiHandler } from '../../../../server/dashboard';

export const dynamic = 'force-dynamic';

const handle = (request: Request) => getDashboardApiHandler()(request);

export { handle as GET, handle as POST };

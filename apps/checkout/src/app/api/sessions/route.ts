import { handleCreateSession } from '../../../server/internal-routes';

export const dynamic = 'force-dynamic';

/** Internal: the commerce API opens a checkout session (the app's server answers it first). */
export const POST = handleCreateSession;

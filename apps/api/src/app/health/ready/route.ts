import { createReadinessRoute } from '@prood/db/health';
import pkg from '../../../../package.json';

export const dynamic = 'force-dynamic';
export const GET = createReadinessRoute({ name: 'api', version: pkg.version });

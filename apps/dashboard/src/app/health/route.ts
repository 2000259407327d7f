import { createHealthRoute } from '@prood/db/health';
import pkg from '../../../package.json';

export const dynamic = 'force-dynamic';
export const GET = createHealthRoute({ name: 'dashboard', version: pkg.version });

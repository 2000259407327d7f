import { getDatabase, pingDatabase } from './client';

export interface HealthReport {
  name: string;
  version: string;
  status: 'ok' | 'degraded';
  database: Awaited<ReturnType<typeof pingDatabase>>;
  uptimeSeconds: number;
}

/** What every app's health endpoint answers: 200 when the database answers, else 503. */
export async function checkHealth(app: { name: string; version: string }): Promise<{
  httpStatus: 200 | 503;
  report: HealthReport;
}> {
  let database: HealthReport['database'];
  try {
    database = await pingDatabase(getDatabase());
  } catch (error) {
    database = { status: 'error', error: error instanceof Error ? error.message : String(error) };
  }
  const ok = database.status === 'ok';
  return {
    httpStatus: ok ? 200 : 503,
    report: {
      name: app.name,
      version: app.version,
      status: ok ? 'ok' : 'degraded',
      database,
      uptimeSeconds: Math.round(process.uptime()),
    },
  };
}

/**
 * A Next.js route handler for `GET /health`.
 *
 * @example
 * export const GET = createHealthRoute({ name: 'api', version: pkg.version });
 */
export function createHealthRoute(app: { name: string; version: string }) {
  return async function GET(): Promise<Response> {
    const { httpStatus, report } = await checkHealth(app);
    return Response.json(report, { status: httpStatus, headers: { 'cache-control': 'no-store' } });
  };
}

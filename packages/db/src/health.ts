import { getDatabase, pingDatabase } from './client';
import { isDraining } from './lifecycle';

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

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * `GET /health/live`: the process is up and serving (200), nothing else is checked, so an
 * orchestrator restarts only a process that is really stuck.
 */
export function createLivenessRoute(app: { name: string; version: string }) {
  return function GET(): Response {
    return Response.json(
      { name: app.name, version: app.version, status: 'ok', draining: isDraining() },
      { headers: NO_STORE },
    );
  };
}

/**
 * `GET /health/ready`: 200 when this instance should get traffic (database answers, not
 * shutting down), 503 otherwise, so a load balancer stops sending requests before the exit.
 */
export function createReadinessRoute(app: { name: string; version: string }) {
  return async function GET(): Promise<Response> {
    if (isDraining()) {
      return Response.json(
        { name: app.name, version: app.version, status: 'draining' },
        { status: 503, headers: NO_STORE },
      );
    }
    const { httpStatus, report } = await checkHealth(app);
    return Response.json(report, { status: httpStatus, headers: NO_STORE });
  };
}

import 'server-only';
import { isHttpError, readJsonBody } from '@prood/http';

/**
 * Reads a hardened JSON body (415, 413, 400 for bad JSON or text Postgres cannot store), runs
 * the handler and turns its outcome — or the `HttpError` it threw — into a response.
 */
export async function respond(
  request: Request,
  handler: (json: unknown) => Promise<{ status: number; body: unknown } | Response>,
): Promise<Response> {
  try {
    const { json } = await readJsonBody(request);
    const outcome = await handler(json);
    if (outcome instanceof Response) return outcome;
    return Response.json(outcome.body, {
      status: outcome.status,
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    if (isHttpError(error)) return error.toResponse();
    throw error;
  }
}

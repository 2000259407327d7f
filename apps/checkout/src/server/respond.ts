import 'server-only';
import { errorResponse } from './internal';

/** Parses a JSON body, runs the handler and turns its outcome into a response. */
export async function respond(
  request: Request,
  handler: (json: unknown) => Promise<{ status: number; body: unknown } | Response>,
): Promise<Response> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return errorResponse(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const outcome = await handler(json);
  if (outcome instanceof Response) return outcome;
  return Response.json(outcome.body, {
    status: outcome.status,
    headers: { 'cache-control': 'no-store' },
  });
}

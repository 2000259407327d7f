import { handleSessionInfo } from '../../../../server/internal-routes';

export const dynamic = 'force-dynamic';

/** Internal: a session's state (the app's server answers it first). */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  return handleSessionInfo(request, (await params).id);
}

import { receiveProviderWebhook } from '../../../../../server/webhooks';

export const dynamic = 'force-dynamic';

/** Provider webhooks for one tenant: verified here, then forwarded to the commerce API. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ provider: string; org: string }> },
): Promise<Response> {
  const { provider, org } = await params;
  return receiveProviderWebhook(provider, org, request);
}

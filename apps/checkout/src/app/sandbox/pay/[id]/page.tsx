import { ProviderError } from '@prood/checkout';
import { getSandboxCheckout } from '@prood/provider-factory';
import { notFound, redirect } from 'next/navigation';
import { getSandboxRuntime } from '../../../../server/context';

export const dynamic = 'force-dynamic';

/**
 * The sandbox provider's "hosted page" address. The card form lives on `/c/{id}` itself, so a
 * shopper who lands here (an old link, a provider redirect) is sent to the one checkout page.
 */
export default async function SandboxPayPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  let checkoutSessionId: string | undefined;
  try {
    checkoutSessionId = (await getSandboxCheckout(getSandboxRuntime(), { sandboxSessionId: id }))
      .checkoutSessionId;
  } catch (error) {
    if (error instanceof ProviderError) notFound();
    throw error;
  }
  if (!checkoutSessionId) notFound();
  redirect(`/c/${checkoutSessionId}`);
}

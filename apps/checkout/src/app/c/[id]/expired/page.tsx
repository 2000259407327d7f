import { redirect } from 'next/navigation';
import { CheckoutShell } from '../../../../components/shell';
import { loadPageSession } from '../../../../server/page-data';

export const dynamic = 'force-dynamic';

export default async function ExpiredPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { state, merchant, testMode } = await loadPageSession(id);
  // a paid order never reads "expired", whichever event the session saw last
  if (state === 'paid') redirect(`/c/${id}/success`);
  return (
    <CheckoutShell merchant={merchant} testMode={testMode} title="This checkout has expired">
      <p>Nothing was charged. Return to the shop to start again.</p>
    </CheckoutShell>
  );
}

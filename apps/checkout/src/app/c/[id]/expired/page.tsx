import { CheckoutShell } from '../../../../components/shell';
import { loadPageSession } from '../../../../server/page-data';

export const dynamic = 'force-dynamic';

export default async function ExpiredPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { merchant, testMode } = await loadPageSession(id);
  return (
    <CheckoutShell merchant={merchant} testMode={testMode} title="This checkout has expired">
      <p>Nothing was charged. Return to the shop to start again.</p>
    </CheckoutShell>
  );
}

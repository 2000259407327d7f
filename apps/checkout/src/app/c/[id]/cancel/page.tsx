import { CheckoutShell } from '../../../../components/shell';
import { loadPageSession } from '../../../../server/page-data';

export const dynamic = 'force-dynamic';

export default async function CancelPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { merchant, testMode } = await loadPageSession(id);
  return (
    <CheckoutShell merchant={merchant} testMode={testMode} title="Payment canceled">
      <p>No money was taken.</p>
      <p>
        <a href={`/c/${id}`}>Try again</a>
      </p>
    </CheckoutShell>
  );
}

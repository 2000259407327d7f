import { redirect } from 'next/navigation';

export const dynamic = 'force-dynamic';

/** Providers return here; the one page shows success only once the API says the order is paid. */
export default async function SuccessPage(props: { params: Promise<{ id: string }> }) {
  redirect(`/c/${(await props.params).id}`);
}

import { redirect } from 'next/navigation';

export const dynamic = 'force-dynamic';

/** Kept for old links: an expired session is a state of `/c/{id}` itself. */
export default async function ExpiredPage(props: { params: Promise<{ id: string }> }) {
  redirect(`/c/${(await props.params).id}`);
}

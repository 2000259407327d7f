import { NotFoundView } from '@prood/next-config/error-pages';

export const metadata = { title: 'Checkout not found', robots: { index: false } };

/** Shown (with 404, by the proxy) for a checkout link whose session does not exist. */
export default function SessionNotFound() {
  return (
    <NotFoundView
      what="This checkout"
      hint="The link may be mistyped, or the checkout has ended. Return to the shop to start again."
    />
  );
}

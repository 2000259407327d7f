import { Alert, Button } from '@prood/ui';
import Link from 'next/link';
import { ResetPasswordForm } from '../../../components/auth-forms';

export const metadata = { title: 'Choose a new password · prood' };

/** better-auth sends the mailed link here with `?token=` (or `?error=` when it was bad). */
export default async function ResetPasswordPage(props: {
  searchParams: Promise<{ token?: string; error?: string }>;
}) {
  const { token, error } = await props.searchParams;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Choose a new password</h1>
      {token && !error ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="flex flex-col gap-4">
          <Alert tone="danger">This reset link has expired or was used already.</Alert>
          <Button asChild variant="secondary">
            <Link href="/forgot-password">Ask for a new link</Link>
          </Button>
        </div>
      )}
    </>
  );
}

import { safeReturnPath } from '@prood/validators';
import { SignInForm } from '../../../components/auth-forms';

export const metadata = { title: 'Sign in · prood' };

export default async function SignInPage(props: {
  searchParams: Promise<{ reset?: string; next?: string }>;
}) {
  const { reset, next } = await props.searchParams;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in to prood</h1>
      <SignInForm
        notice={reset ? 'Password changed. Sign in with the new one.' : undefined}
        next={safeReturnPath(next) ?? undefined}
      />
    </>
  );
}

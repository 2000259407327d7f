import { safeReturnPath } from '@prood/validators';
import { SignUpForm } from '../../../components/auth-forms';

export const metadata = { title: 'Create your account · prood' };

export default async function SignUpPage(props: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await props.searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your prood account</h1>
      <p className="mb-4 text-sm text-muted">
        Take test payments right away; confirm your email to go live.
      </p>
      <SignUpForm next={safeReturnPath(next) ?? undefined} />
    </>
  );
}

import { ForgotPasswordForm } from '../../../components/auth-forms';

export const metadata = { title: 'Forgot your password · prood' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-muted">We mail you a link to choose a new one.</p>
      <ForgotPasswordForm />
    </>
  );
}

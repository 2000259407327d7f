import { SignInForm } from './sign-in-form';

export const metadata = { title: 'prood · Sign in' };

export default function SignInPage() {
  return (
    <main style={{ maxWidth: 380, margin: '6rem auto', padding: '0 1rem' }}>
      <h1>Sign in to prood</h1>
      <SignInForm />
    </main>
  );
}

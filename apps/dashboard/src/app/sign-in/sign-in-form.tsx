'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const response = await fetch('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: data.get('email'), password: data.get('password') }),
    });
    setPending(false);
    if (!response.ok) {
      setError('Email or password is wrong.');
      return;
    }
    router.push('/');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} style={{ display: 'grid', gap: 12 }}>
      <label>
        Email
        <input
          name="email"
          type="email"
          required
          autoComplete="username"
          style={{ display: 'block', width: '100%', padding: 8 }}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          style={{ display: 'block', width: '100%', padding: 8 }}
        />
      </label>
      {error ? (
        <p role="alert" style={{ color: '#b00' }}>
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} style={{ padding: 10 }}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

'use client';

import { Alert, Button, Field, Input, toast } from '@prood/ui';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';

type Errors = Record<string, string>;

interface AuthAnswer {
  ok: boolean;
  status: number;
  code: string;
  message: string;
}

/** Posts to better-auth (through this app's /api/auth); reads both its errors and ours. */
async function postAuth(path: string, body: Record<string, unknown>): Promise<AuthAnswer> {
  try {
    const response = await fetch(`/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as {
      code?: string;
      message?: string;
      error?: { code?: string; message?: string };
    };
    return {
      ok: response.ok,
      status: response.status,
      code: json.error?.code ?? json.code ?? '',
      message: json.error?.message ?? json.message ?? '',
    };
  } catch {
    return { ok: false, status: 0, code: 'network', message: '' };
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD = 10;

function checkEmail(value: string): string | undefined {
  if (!value) return 'Enter your email address.';
  if (!EMAIL.test(value)) return 'Enter an email address like name@example.com.';
  return undefined;
}

function checkPassword(value: string): string | undefined {
  if (!value) return 'Enter a password.';
  if (value.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters.`;
  if (value.length > 128) return 'Use at most 128 characters.';
  return undefined;
}

function compact(errors: Record<string, string | undefined>): Errors {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as Errors;
}

/** What a refused auth request means, in words; never the raw body. */
function refusal(answer: AuthAnswer, fallback: string): string {
  if (answer.status === 429) return 'Too many attempts. Wait a few minutes and try again.';
  if (answer.status === 0) return 'The dashboard could not be reached. Check your connection.';
  return fallback;
}

function FormAlert({ message }: { message: string | null }) {
  return message ? <Alert tone="danger">{message}</Alert> : null;
}

/** `?next=` for the other auth page's link, so a return path survives switching forms. */
const withNext = (path: string, next: string | undefined) =>
  next ? `${path}?next=${encodeURIComponent(next)}` : path;

/** `next` is a same-site path already checked by the page (`safeReturnPath`). */
export function SignInForm({
  notice,
  next,
}: {
  notice?: string | undefined;
  next?: string | undefined;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const found = compact({
      email: checkEmail(email),
      password: password ? undefined : 'Enter your password.',
    });
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    const answer = await postAuth('/sign-in/email', { email, password });
    setPending(false);
    if (!answer.ok) {
      setError(refusal(answer, 'Email or password is wrong.'));
      return;
    }
    router.push(next ?? '/');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <FormAlert message={error} />
      <Field id="email" label="Email" error={errors.email}>
        <Input name="email" type="email" autoComplete="username" />
      </Field>
      <Field
        id="password"
        label="Password"
        error={errors.password}
        aside={
          <Link href="/forgot-password" className="underline underline-offset-2">
            Forgot your password?
          </Link>
        }
      >
        <Input name="password" type="password" autoComplete="current-password" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-muted">
        New to prood?{' '}
        <Link
          href={withNext('/sign-up', next)}
          className="font-medium text-fg underline underline-offset-2"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm({ next }: { next?: string | undefined }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const found = compact({
      name: name
        ? name.length > 100
          ? 'Use at most 100 characters.'
          : undefined
        : 'Enter your name.',
      email: checkEmail(email),
      password: checkPassword(password),
    });
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    const answer = await postAuth('/sign-up/email', {
      name,
      email,
      password,
      // the confirmation link brings them back where they were going (an invitation)
      callbackURL: next ?? '/?verified=1',
    });
    setPending(false);
    if (!answer.ok) {
      if (/ALREADY_EXISTS/.test(answer.code)) {
        setErrors({ email: 'An account with this email exists already. Sign in instead.' });
        return;
      }
      if (/PASSWORD_TOO/.test(answer.code)) {
        setErrors({ password: `Use ${MIN_PASSWORD} to 128 characters.` });
        return;
      }
      setError(refusal(answer, 'The account could not be created. Try again.'));
      return;
    }
    toast.success('Account created. Check your mail to confirm your address.');
    router.push(next ?? '/');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <Field id="name" label="Your name" error={errors.name}>
        <Input name="name" autoComplete="name" />
      </Field>
      <Field id="email" label="Email" error={errors.email}>
        <Input name="email" type="email" autoComplete="email" />
      </Field>
      <Field
        id="password"
        label="Password"
        hint={`At least ${MIN_PASSWORD} characters.`}
        error={errors.password}
      >
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-muted">
        Have an account?{' '}
        <Link
          href={withNext('/sign-in', next)}
          className="font-medium text-fg underline underline-offset-2"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    const found = compact({ email: checkEmail(email) });
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    const answer = await postAuth('/request-password-reset', {
      email,
      redirectTo: `${window.location.origin}/reset-password`,
    });
    setPending(false);
    if (!answer.ok) {
      setError(refusal(answer, 'The reset mail could not be sent. Try again.'));
      return;
    }
    // the same answer whether or not the address has an account: nothing to probe
    setSentTo(email);
  }

  if (sentTo) {
    return (
      <Alert tone="success" title="Check your mail">
        If {sentTo} has an account, a link to choose a new password is on its way. It works for one
        hour.
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <Field id="email" label="Email" error={errors.email}>
        <Input name="email" type="email" autoComplete="username" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? 'Sending…' : 'Send reset link'}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    const repeat = String(data.get('repeat') ?? '');
    const found = compact({
      password: checkPassword(password),
      repeat: repeat === password ? undefined : 'The two passwords differ.',
    });
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    const answer = await postAuth('/reset-password', { token, newPassword: password });
    setPending(false);
    if (!answer.ok) {
      setError(
        refusal(answer, 'This reset link has expired or was used already. Ask for a new one.'),
      );
      return;
    }
    router.push('/sign-in?reset=1');
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <Field
        id="password"
        label="New password"
        hint={`At least ${MIN_PASSWORD} characters.`}
        error={errors.password}
      >
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <Field id="repeat" label="Repeat the new password" error={errors.repeat}>
        <Input name="repeat" type="password" autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? 'Saving…' : 'Save new password'}
      </Button>
    </form>
  );
}

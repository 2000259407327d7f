'use client';

import { Alert, Button, Field, Input, toast } from '@prood/ui';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
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

const MAX_PASSWORD = 128;

/** The field checks every auth form shares, in the auth messages' words. */
function useChecks() {
  const t = useTranslations('auth.fields');
  return {
    email(value: string): string | undefined {
      if (!value) return t('enterEmail');
      if (!EMAIL.test(value)) return t('emailFormat');
      return undefined;
    },
    password(value: string): string | undefined {
      if (!value) return t('enterPassword');
      if (value.length < MIN_PASSWORD) return t('passwordMin', { min: MIN_PASSWORD });
      if (value.length > MAX_PASSWORD) return t('textMax', { max: MAX_PASSWORD });
      return undefined;
    },
    textMax: (max: number) => t('textMax', { max }),
  };
}

function compact(errors: Record<string, string | undefined>): Errors {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as Errors;
}

/** What a refused auth request means, in words; never the raw body. */
function useRefusal() {
  const t = useTranslations('auth.refusal');
  return (answer: AuthAnswer, fallback: string): string => {
    if (answer.status === 429) return t('tooMany');
    if (answer.status === 0) return t('offline');
    return fallback;
  };
}

const linkClass = 'font-medium text-fg underline underline-offset-2';

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
  const t = useTranslations('auth.signIn');
  const check = useChecks();
  const refusal = useRefusal();
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
      email: check.email(email),
      password: password ? undefined : t('enterPassword'),
    });
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    const answer = await postAuth('/sign-in/email', { email, password });
    setPending(false);
    if (!answer.ok) {
      setError(refusal(answer, t('wrong')));
      return;
    }
    router.push(next ?? '/');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <FormAlert message={error} />
      <Field id="email" label={t('email')} error={errors.email}>
        <Input name="email" type="email" autoComplete="username" />
      </Field>
      <Field
        id="password"
        label={t('password')}
        error={errors.password}
        aside={
          <Link href="/forgot-password" className="underline underline-offset-2">
            {t('forgot')}
          </Link>
        }
      >
        <Input name="password" type="password" autoComplete="current-password" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? t('pending') : t('submit')}
      </Button>
      <p className="text-center text-sm text-muted">
        {t.rich('newHere', {
          link: (chunks) => (
            <Link href={withNext('/sign-up', next)} className={linkClass}>
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}

export function SignUpForm({ next }: { next?: string | undefined }) {
  const t = useTranslations('auth.signUp');
  const check = useChecks();
  const refusal = useRefusal();
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
      name: name ? (name.length > 100 ? check.textMax(100) : undefined) : t('enterName'),
      email: check.email(email),
      password: check.password(password),
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
        setErrors({ email: t('exists') });
        return;
      }
      if (/PASSWORD_TOO/.test(answer.code)) {
        setErrors({ password: t('passwordLength', { min: MIN_PASSWORD, max: MAX_PASSWORD }) });
        return;
      }
      setError(refusal(answer, t('failed')));
      return;
    }
    toast.success(t('created'));
    router.push(next ?? '/');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <Field id="name" label={t('name')} error={errors.name}>
        <Input name="name" autoComplete="name" />
      </Field>
      <Field id="email" label={t('email')} error={errors.email}>
        <Input name="email" type="email" autoComplete="email" />
      </Field>
      <Field
        id="password"
        label={t('password')}
        hint={t('passwordHint', { min: MIN_PASSWORD })}
        error={errors.password}
      >
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? t('pending') : t('submit')}
      </Button>
      <p className="text-center text-sm text-muted">
        {t.rich('haveAccount', {
          link: (chunks) => (
            <Link href={withNext('/sign-in', next)} className={linkClass}>
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}

export function ForgotPasswordForm() {
  const t = useTranslations('auth.forgot');
  const check = useChecks();
  const refusal = useRefusal();
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    const found = compact({ email: check.email(email) });
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
      setError(refusal(answer, t('failed')));
      return;
    }
    // the same answer whether or not the address has an account: nothing to probe
    setSentTo(email);
  }

  if (sentTo) {
    return (
      <Alert tone="success" title={t('sentTitle')}>
        {t('sent', { email: sentTo })}
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <Field id="email" label={t('email')} error={errors.email}>
        <Input name="email" type="email" autoComplete="username" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? t('pending') : t('submit')}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="underline underline-offset-2">
          {t('back')}
        </Link>
      </p>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth.reset');
  const check = useChecks();
  const refusal = useRefusal();
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
      password: check.password(password),
      repeat: repeat === password ? undefined : t('differ'),
    });
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    const answer = await postAuth('/reset-password', { token, newPassword: password });
    setPending(false);
    if (!answer.ok) {
      setError(refusal(answer, t('failed')));
      return;
    }
    router.push('/sign-in?reset=1');
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <Field
        id="password"
        label={t('password')}
        hint={t('passwordHint', { min: MIN_PASSWORD })}
        error={errors.password}
      >
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <Field id="repeat" label={t('repeat')} error={errors.repeat}>
        <Input name="repeat" type="password" autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? t('pending') : t('submit')}
      </Button>
    </form>
  );
}

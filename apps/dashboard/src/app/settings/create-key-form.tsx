'use client';

import { useActionState } from 'react';
import { createApiKeyAction } from './actions';

/** Creates a key and shows its secret once, in this form's state only. */
export function CreateKeyForm() {
  const [state, action, pending] = useActionState(createApiKeyAction, {});
  return (
    <form action={action}>
      <input name="name" placeholder="Storefront" required style={{ padding: 6 }} />{' '}
      <button type="submit" disabled={pending}>
        Create key
      </button>
      {state.secret ? (
        <p style={{ background: '#fff4d6', padding: 8 }}>
          New key — copy it now, it is not shown again:{' '}
          <code data-testid="new-key">{state.secret}</code>
        </p>
      ) : null}
      {state.error ? <p role="alert">{state.error}</p> : null}
    </form>
  );
}

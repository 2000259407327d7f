'use client';

import { ConfirmButton } from '@prood/ui';
import { useRouter } from 'next/navigation';
import { revokeApiKeyAction } from '../server/actions';
import { useActionToast } from './use-action';

export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [revoke, pending] = useActionToast(
    () => revokeApiKeyAction(id),
    () => router.refresh(),
  );
  return (
    <ConfirmButton
      title={`Revoke “${name}”?`}
      description="Every storefront using this key stops working at once. This cannot be undone."
      confirmLabel="Revoke key"
      onConfirm={revoke}
      disabled={pending}
      variant="ghost"
    >
      Revoke
    </ConfirmButton>
  );
}

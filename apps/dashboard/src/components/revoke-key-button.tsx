'use client';

import { ConfirmButton } from '@prood/ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { revokeApiKeyAction } from '../server/actions';
import { useActionToast } from './use-action';

export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const t = useTranslations('settings.keys');
  const [revoke, pending] = useActionToast(
    () => revokeApiKeyAction(id),
    () => router.refresh(),
  );
  return (
    <ConfirmButton
      title={t('revokeTitle', { name })}
      description={t('revokeDescription')}
      confirmLabel={t('revokeConfirm')}
      onConfirm={revoke}
      disabled={pending}
      variant="ghost"
    >
      {t('revoke')}
    </ConfirmButton>
  );
}

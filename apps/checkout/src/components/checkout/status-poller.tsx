'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * While a payment is confirming, asks `/c/{id}/status` every two seconds and re-renders the
 * page once the state moved on. No meta refresh: focus and screen-reader position survive.
 */
export function StatusPoller({ id, state }: { id: string; state: string }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/c/${id}/status`, { cache: 'no-store' });
        if (!response.ok || stopped) return;
        const body = (await response.json()) as { state?: string };
        if (body.state && body.state !== state) {
          stopped = true;
          clearInterval(timer);
          router.refresh();
        }
      } catch {
        // offline for a moment: the next tick tries again
      }
    }, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, state, router]);
  return null;
}

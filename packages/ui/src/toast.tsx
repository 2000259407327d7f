'use client';

import { useEffect, useState } from 'react';
import { cn } from './cn';

export type ToastTone = 'success' | 'danger' | 'info';
interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
}

// One page-wide queue; the <Toaster> mounted once in a layout renders it. Kept in module state
// (not a context) so any client component can call `toast()` without a provider around it.
let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<(items: ToastItem[]) => void>();
const publish = () => {
  for (const listener of listeners) listener(items);
};

function dismiss(id: number) {
  items = items.filter((item) => item.id !== id);
  publish();
}

/**
 * Shows a short message after a mutation, announced to screen readers; gone after 5 seconds.
 *
 * @example
 * toast.success('API key revoked.');
 * toast.error('Stripe refused this key.');
 */
export const toast = Object.assign(
  (message: string, tone: ToastTone = 'info') => {
    const id = nextId++;
    items = [...items.slice(-3), { id, tone, message }];
    publish();
    setTimeout(() => dismiss(id), 5000);
    return id;
  },
  {
    success: (message: string) => toast(message, 'success'),
    error: (message: string) => toast(message, 'danger'),
  },
);

const toneClass: Record<ToastTone, string> = {
  success: 'border-success/30 bg-success-bg text-success',
  danger: 'border-danger/30 bg-danger-bg text-danger',
  info: 'border-info/30 bg-info-bg text-info',
};

/** The toasts' live region; mount once per layout. */
export function Toaster() {
  const [shown, setShown] = useState<ToastItem[]>(items);
  useEffect(() => {
    listeners.add(setShown);
    return () => {
      listeners.delete(setShown);
    };
  }, []);
  return (
    <section
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      <ol aria-live="polite" className="flex w-full max-w-sm flex-col gap-2">
        {shown.map((item) => (
          <li
            key={item.id}
            data-testid="toast"
            className={cn(
              'pointer-events-auto flex items-start justify-between gap-3 rounded-ui border px-4 py-3 text-sm shadow-lg',
              toneClass[item.tone],
            )}
          >
            {/* the role sits inside the item: a list holds list items only */}
            <span role={item.tone === 'danger' ? 'alert' : 'status'}>{item.message}</span>
            <button
              type="button"
              onClick={() => dismiss(item.id)}
              className="shrink-0 rounded px-1 font-semibold hover:bg-black/5 focus-visible:outline-2 focus-visible:outline-ring"
              aria-label="Dismiss notification"
            >
              ×
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

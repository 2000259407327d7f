'use client';

import { type ReactNode, useId, useRef } from 'react';
import { Button, type ButtonProps } from './button';

/**
 * A button that asks before it acts: a modal `<dialog>` (focus kept inside, Escape closes)
 * with the consequence in words and a confirm button. `onConfirm` runs only on confirm.
 *
 * @example
 * <ConfirmButton title="Revoke this key?" description="Storefronts using it stop working."
 *   confirmLabel="Revoke key" onConfirm={revoke}>Revoke</ConfirmButton>
 */
export function ConfirmButton(props: {
  children: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  variant?: ButtonProps['variant'];
  confirmVariant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  disabled?: boolean;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  return (
    <>
      <Button
        type="button"
        variant={props.variant ?? 'secondary'}
        size={props.size ?? 'sm'}
        disabled={props.disabled}
        className={props.className}
        onClick={() => ref.current?.showModal()}
      >
        {props.children}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        aria-describedby={props.description ? descriptionId : undefined}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-ui border border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40"
      >
        <div className="flex flex-col gap-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {props.title}
          </h2>
          {props.description ? (
            <div id={descriptionId} className="text-sm text-muted">
              {props.description}
            </div>
          ) : null}
          <div className="mt-2 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => ref.current?.close()}>
              Cancel
            </Button>
            <Button
              type="button"
              variant={props.confirmVariant ?? 'danger'}
              onClick={async () => {
                ref.current?.close();
                await props.onConfirm();
              }}
            >
              {props.confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}

'use client';

import type { ReactNode } from 'react';

/**
 * The error views of all three apps. They say what happened and what to do, and never show a
 * stack, a path, a module name or an error message (which may carry any of those): only the
 * opaque `digest` Next.js logs with the real error on the server, for support to look up.
 */
function ErrorFrame(props: { title: string; children: ReactNode }) {
  return (
    <main className="prood-error" aria-labelledby="prood-error-title">
      <h1 id="prood-error-title">{props.title}</h1>
      {props.children}
    </main>
  );
}

/** `app/not-found.tsx`: also what `notFound()` renders, in development too. */
export function NotFoundView(props: { what?: string; hint?: string }) {
  return (
    <ErrorFrame title={`${props.what ?? 'This page'} could not be found`}>
      <p>{props.hint ?? 'Check the link you followed, or start again from the beginning.'}</p>
    </ErrorFrame>
  );
}

/** `app/error.tsx` (a client component, as Next.js requires). */
export function ErrorView(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorFrame title="Something went wrong">
      <p>We could not show this page. Nothing was charged twice; you can safely try again.</p>
      {props.error.digest ? <p>Reference: {props.error.digest}</p> : null}
      <button type="button" onClick={() => props.reset()}>
        Try again
      </button>
    </ErrorFrame>
  );
}

/** `app/global-error.tsx`: replaces the root layout, so it brings its own document. */
export function GlobalErrorView(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <ErrorView error={props.error} reset={props.reset} />
      </body>
    </html>
  );
}

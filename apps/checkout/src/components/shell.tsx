import type { ReactNode } from 'react';

/** The frame of every hosted checkout page: merchant name, test-mode ribbon, card. */
export function CheckoutShell(props: {
  merchant: string;
  testMode: boolean;
  title: string;
  children: ReactNode;
}) {
  return (
    <main style={{ maxWidth: 520, margin: '3rem auto', padding: '0 1rem', color: '#1a1a1a' }}>
      {props.testMode ? (
        <p
          style={{
            background: '#fff4d6',
            border: '1px solid #f0c36d',
            borderRadius: 6,
            padding: '6px 10px',
            fontSize: 14,
          }}
        >
          Test mode — no real money moves.
        </p>
      ) : null}
      <p style={{ color: '#666', margin: '0 0 4px' }}>{props.merchant}</p>
      <h1 style={{ margin: '0 0 1rem', fontSize: 24 }}>{props.title}</h1>
      <div style={{ border: '1px solid #e3e3e3', borderRadius: 8, padding: '1rem 1.25rem' }}>
        {props.children}
      </div>
    </main>
  );
}

export const buttonStyle = {
  width: '100%',
  padding: '12px',
  fontSize: 16,
  background: '#1f4fd1',
  color: 'white',
  border: 0,
  borderRadius: 6,
  cursor: 'pointer',
} as const;

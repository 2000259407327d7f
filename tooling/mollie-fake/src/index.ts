import {
  createFakeCore,
  type FakeState,
  listen,
  type MollieAmount,
  type MolliePaymentStatus,
  type RecordedRequest,
  type StoredPayment,
  type WebhookCall,
} from './server';

export { FAKE_METHODS, minorOf } from './server';
export type {
  FakeState,
  MollieAmount,
  MolliePaymentStatus,
  RecordedRequest,
  StoredPayment,
  WebhookCall,
};

export interface MollieFake {
  /** For the SDK: `createMollieClient({ apiKey, apiEndpoint })`. */
  apiEndpoint: string;
  /** The fake's origin (its hosted payment page lives under it). */
  url: string;
  port: number;
  state: FakeState;
  close(): Promise<void>;
  /**
   * Plays the tester on Mollie's test-mode page (or Mollie itself for `pending`/`authorized`):
   * sets the payment's status, then calls its `webhookUrl` with `id=tr_…`.
   */
  setPaymentStatus(id: string, status: MolliePaymentStatus): Promise<StoredPayment>;
  /** Calls a payment's webhook again (Mollie retries; a duplicate must change nothing). */
  notify(id: string): Promise<WebhookCall | undefined>;
  /** Pending refunds of the payment become `refunded`; its webhook is called. */
  processRefunds(id: string): Promise<StoredPayment>;
}

/**
 * Lets this process talk to the fake's self-signed TLS (the SDK pins its own CA bundle, so no
 * CA can be added): verification is off for the whole process. Call it in tests only.
 */
export function trustMollieFakeCertificate(): void {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
}

/** A random, well-formed Mollie API key (`test_` + 30 characters): each key is its own account. */
export function mollieTestKey(mode: 'test' | 'live' = 'test'): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let key = '';
  for (let i = 0; i < 30; i += 1) key += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `${mode}_${key}`;
}

/**
 * Starts the Mollie API fake on a local port (0: any free one): `/v2/payments` create, get,
 * cancel and refunds in Mollie's wire format (HAL JSON, `{ currency, value: "10.00" }`, error
 * documents with `status`/`title`/`detail`/`field`), strict about parameters, one account per
 * API key, and the test-mode hosted page where a status is picked. Tests only.
 *
 * @example
 * const fake = await startMollieFake();
 * const mollie = createMollieClient({ apiKey: mollieTestKey(), apiEndpoint: fake.apiEndpoint });
 */
export async function startMollieFake(
  options: { port?: number; now?: () => number } = {},
): Promise<MollieFake> {
  const core = createFakeCore(options.now ? { now: options.now } : {});
  const { server, port } = await listen(core, options.port ?? 0);
  const url = `https://127.0.0.1:${port}`;
  return {
    apiEndpoint: `${url}/v2/`,
    url,
    port,
    state: core.state,
    setPaymentStatus: core.settle,
    notify: core.notify,
    processRefunds: core.processRefunds,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

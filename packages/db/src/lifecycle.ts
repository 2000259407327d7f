/**
 * Process lifecycle shared by every bundle of a process: Next.js may load this module more than
 * once (instrumentation and route chunks), so the state lives on `globalThis` under one symbol.
 */
interface LifecycleState {
  draining: boolean;
  closers: Map<string, () => Promise<void>>;
  installed: boolean;
}

const KEY = Symbol.for('prood.lifecycle');

function state(): LifecycleState {
  const holder = globalThis as typeof globalThis & { [KEY]?: LifecycleState };
  holder[KEY] ??= { draining: false, closers: new Map(), installed: false };
  return holder[KEY];
}

/**
 * One instance per process, however often the module that asks is loaded: the API serves its
 * machine routes from a plain Node server and the rest through Next.js, which bundles the same
 * code again, and both must share one pool, one job client and one rate limiter.
 *
 * @example
 * export const getPool = () => processWide('database', () => createPool(url));
 */
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as typeof globalThis & Record<symbol, unknown>;
  const key = Symbol.for(`prood.process-wide.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** True once the process received SIGTERM/SIGINT: readiness answers 503 from then on. */
export function isDraining(): boolean {
  return state().draining;
}

/** Marks the process as draining (readiness 503); the signal handler calls it. */
export function startDraining(): void {
  state().draining = true;
}

/**
 * Registers something to close when the process shuts down (a pool, a queue client). The same
 * name registered twice keeps the last one, so a module loaded twice closes its resource once.
 *
 * @example
 * onShutdown('db', () => sql.end({ timeout: 5 }));
 */
export function onShutdown(name: string, close: () => Promise<void>): void {
  state().closers.set(name, close);
}

/** Runs every registered closer (each at most `timeoutMs`), in parallel; never throws. */
export async function runShutdownHooks(timeoutMs = 3_000): Promise<void> {
  const closers = [...state().closers.values()];
  state().closers.clear();
  await Promise.allSettled(
    closers.map((close) =>
      Promise.race([
        close(),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]),
    ),
  );
}

/**
 * Graceful shutdown for a `next start` server. Next.js itself answers SIGTERM by closing the
 * listening socket, waiting for in-flight requests and then calling `process.exit`; this hooks
 * in around that: readiness turns 503 at once, the registered closers (database pool, pg-boss)
 * run right before the exit, and a hard deadline ends a process that does not finish in time.
 */
export function installNextGracefulShutdown(options: { deadlineMs?: number } = {}): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  const deadlineMs = options.deadlineMs ?? 9_000;
  const exit = process.exit.bind(process);
  let exiting = false;
  const onSignal = () => {
    startDraining();
    setTimeout(() => {
      console.error(`shutdown did not finish within ${deadlineMs} ms; exiting`);
      exit(1);
    }, deadlineMs).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // Next.js exits as soon as its server closed; close pools first so nothing is cut mid-query.
  process.exit = ((code?: number | string | null) => {
    if (exiting) return undefined as never;
    exiting = true;
    void runShutdownHooks().finally(() => exit(code ?? undefined));
    return undefined as never;
  }) as typeof process.exit;
}

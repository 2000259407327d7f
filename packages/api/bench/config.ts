import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

/** The benchmark's knobs; the only module under bench/ that reads process.env. */
export const benchEnv = createEnv({
  server: {
    /** A Postgres server to make the scratch database on; else 127.0.0.1:5432, else embedded. */
    DATABASE_URL: z.string().optional(),
    /** Seconds per measurement (each operation × concurrency × server). */
    BENCH_DURATION_SECONDS: z.coerce.number().positive().max(60).default(3),
    BENCH_CONCURRENCY: z
      .string()
      .default('1,16,64')
      .transform((value) => value.split(',').map((n) => Number(n.trim())))
      .pipe(z.array(z.number().int().min(1).max(256)).min(1)),
    /** Reuse the existing `.next` builds of apps/api and apps/checkout instead of building. */
    BENCH_SKIP_BUILD: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
    /**
     * How the API is served: `node`, its own server (apps/api/src/main.ts: machine routes on
     * plain node:http, the rest through Next.js), as `pnpm start` runs it; `next`, a bare
     * `next start` of the same build (every route through Next.js's router), to compare.
     */
    BENCH_API_SERVER: z.enum(['node', 'next']).default('node'),
    /**
     * A directory: the API server runs under `node --cpu-prof` and leaves its profile there
     * when it stops (open it in Chrome DevTools or speedscope).
     */
    BENCH_API_CPU_PROF: z.string().min(1).optional(),
    /** memory.bench: seconds of load before the "RSS after load" figure (issue 13: 60). */
    BENCH_MEMORY_LOAD_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    /** memory.bench: seconds the same load continues after that, RSS sampled (issue 13: 300). */
    BENCH_MEMORY_SOAK_SECONDS: z.coerce.number().int().min(10).max(7200).default(300),
    /** memory.bench: seconds between RSS samples. */
    BENCH_MEMORY_SAMPLE_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
    /** memory.bench: connections in flight across all apps (issue 13: 64). */
    BENCH_MEMORY_CONCURRENCY: z.coerce.number().int().min(4).max(512).default(64),
    /** memory.bench: seconds the raw node:http + postgres.js floor is loaded (0 = skip it). */
    BENCH_MEMORY_RAW_SECONDS: z.coerce.number().int().min(0).max(600).default(20),
    /** memory.bench: also start and load apps/dashboard (`next start`, its sign-in page). */
    BENCH_MEMORY_DASHBOARD: z
      .enum(['0', '1', 'true', 'false'])
      .default('1')
      .transform((value) => value === '1' || value === 'true'),
    /**
     * memory.bench: a directory; the servers run with `--heapsnapshot-signal=SIGUSR2` and get
     * the signal after the load phase and at the end of the soak (compare the two snapshots in
     * Chrome DevTools to see what grew). Each snapshot stops its server for seconds.
     */
    BENCH_MEMORY_HEAP_DIR: z.string().min(1).optional(),
    /** LOG_LEVEL of the Next.js servers; `warn` keeps per-request info logs out of the figure. */
    BENCH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

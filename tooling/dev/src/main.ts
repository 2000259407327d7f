// Entry of `pnpm dev` (development builds) and `pnpm start` (production builds). The real work
// is imported dynamically so that a configuration error raised while modules load (a malformed
// DATABASE_URL, say) is printed as one clear line. The scripts run it as `node --import tsx`, not
// through the tsx CLI: on Ctrl-C that CLI SIGKILLs its child unless the child reports the signal
// within 30 ms, which under load cut the graceful shutdown short (pnpm then printed ELIFECYCLE).
const EXPECTED = new Set(['ConfigError', 'EmbeddedPostgresError', 'CredentialsCryptoError']);
const mode = process.argv[2] === 'start' ? 'start' : 'dev';
try {
  const { runPlatform } = await import('./run');
  await runPlatform(mode);
} catch (error) {
  const err = error instanceof Error ? error : new Error(String(error));
  console.error(`prood: ${err.message}`);
  if (!EXPECTED.has(err.name)) console.error(err.stack);
  process.exit(1);
}

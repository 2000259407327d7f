// Entry of `pnpm dev` (development builds) and `pnpm start` (production builds). The real work
// is imported dynamically so that a configuration error raised while modules load (a malformed
// DATABASE_URL, say) is printed as one clear line.
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

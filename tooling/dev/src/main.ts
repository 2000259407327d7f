// Entry of `pnpm dev`. The real work is imported dynamically so that a configuration error
// raised while modules load (a malformed DATABASE_URL, say) is printed as one clear line.
const EXPECTED = new Set(['ConfigError', 'EmbeddedPostgresError', 'CredentialsCryptoError']);
try {
  const { runDev } = await import('./run');
  await runDev();
} catch (error) {
  const err = error instanceof Error ? error : new Error(String(error));
  console.error(`prood: ${err.message}`);
  if (!EXPECTED.has(err.name)) console.error(err.stack);
  process.exit(1);
}

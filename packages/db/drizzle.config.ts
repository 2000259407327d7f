import { defineConfig } from 'drizzle-kit';

// drizzle-kit only diffs the schema against the committed snapshots; `DRIZZLE_OUT` lets the
// drift check generate into a scratch copy of the migrations folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: process.env.DRIZZLE_OUT ?? './drizzle',
  casing: 'snake_case',
  strict: true,
});

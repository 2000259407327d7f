// What the test database setup hands every test through `inject()`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database of this test run's own. */
    databaseUrl: string;
    /** The server it lives on, for tests that make databases of their own. */
    databaseServerUrl: string;
  }
}

export {};

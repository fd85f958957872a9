// What the Vitest global setups hand to each test file (see `inject()` in test-db.ts).
declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a `dumpDataDir()` tarball of a migrated PGlite database. */
    pgliteDumpPath: string;
    /** Superuser URL of the throwaway PostgreSQL cluster (any database name is replaced). */
    postgresAdminUrl: string;
    /** Name of the migrated template database each test file copies. */
    postgresTemplate: string;
  }
}

export {};

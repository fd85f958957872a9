// What e2e/global-setup.ts hands to the spec files through Vitest's `inject()`.
export interface DemoSignIn {
  email: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the server started for this run, e.g. http://127.0.0.1:41234 */
    e2eBaseUrl: string;
    /** The demo sign-ins the server printed on its first start, by role: owner, artist, desk. */
    e2eDemoSignIns: Record<string, DemoSignIn>;
    /**
     * The session cookie of one sign-in as the owner, made once for the whole run: sign-in is
     * rate-limited (10 attempts per address and email in 15 minutes), so the specs that are not
     * about signing in share it instead of signing in again.
     */
    e2eOwnerSession: { name: string; value: string };
  }
}

export {};

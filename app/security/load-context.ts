// What `app/server.ts` passes to every loader and action through `getLoadContext`.
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The nonce in this response's Content-Security-Policy (absent in unit tests). */
    cspNonce?: string;
    /**
     * The client's IP address (behind a proxy only as far as TRUST_PROXY allows): the sign-in
     * throttle's key. Always set by app/server.ts; tests calling a route directly may leave it out.
     */
    clientAddress?: string;
  }
}

export {};

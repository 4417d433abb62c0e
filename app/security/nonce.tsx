import { createContext, useContext, type ReactNode } from "react";

/**
 * The per-request CSP nonce, made by the server middleware, passed to Remix through
 * `getLoadContext` and to the document through this context. In the browser it is empty
 * (browsers hide nonce attributes from the DOM, and nothing new is inlined after hydration).
 */
const NonceContext = createContext<string>("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}

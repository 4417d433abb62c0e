/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module "@remix-run/server-runtime" {
  // Single fetch: loaders and actions return plain data.
  interface Future {
    v3_singleFetch: true;
  }
}

export {};

import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { BrandMark } from "./app-shell";

interface Explanation {
  code: string;
  title: string;
  text: string;
}

function explain(error: unknown): Explanation {
  if (isRouteErrorResponse(error)) {
    const message =
      error.data && typeof error.data === "object" && "message" in error.data && typeof error.data.message === "string"
        ? error.data.message
        : null;
    switch (error.status) {
      case 403:
        return {
          code: "403 · No access",
          title: "You don't have access to this page",
          text: `${message ?? "Your account cannot open this page."} Each role sees its own workspace: channel managers the vendor side, partner admins and reps their company's. If you think you need access, ask a channel manager.`,
        };
      case 404:
        return {
          code: "404 · Not found",
          title: "We couldn't find that page",
          text: `${message ?? "There is nothing at this address."} The link may be old, mistyped, or point to something your company cannot see.`,
        };
      case 400:
      case 405:
      case 413:
        return {
          code: `${error.status} · Request not accepted`,
          title: "That request couldn't be handled",
          text:
            message ?? "The page received something it does not understand. Go back, reload the page and try again.",
        };
      default:
        if (error.status < 500) {
          return { code: String(error.status), title: "That didn't work", text: message ?? error.statusText };
        }
    }
  }
  return {
    code: "500 · Server error",
    title: "Something went wrong on our side",
    text: "The problem has been logged. Try again in a moment; if it keeps happening, tell your channel manager what you were doing.",
  };
}

/** The explanation page for a thrown response or error. */
export function ErrorPage({ error, standalone = false }: { error: unknown; standalone?: boolean }) {
  const e = explain(error);
  const body = (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page-code">{e.code}</p>
      <h1 id="error-title">{e.title}</h1>
      <p>{e.text}</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </section>
  );
  if (!standalone) return body;
  return (
    <main id="main" className="error-standalone">
      <p className="auth-brand">
        <BrandMark />
        <span>Lead Portal</span>
      </p>
      {body}
    </main>
  );
}

/** Every route's ErrorBoundary. Guards' 403s fail before a workspace shell exists. */
export function RouteErrorBoundary() {
  return <ErrorPage error={useRouteError()} standalone />;
}

/** For routes rendered inside a workspace shell (the shell stays around the message). */
export function NestedErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}

import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { readFlash } from "~/auth/flash.server";
import { DemoBanner } from "~/components/demo-banner";
import { ErrorPage } from "~/components/error-page";
import { useNonce } from "~/security/nonce";
import { demoNoticeShown } from "~/services/demo-notice.server";
import tokensHref from "~/styles/tokens.css";
import appHref from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "icon", href: "data:," },
  { rel: "stylesheet", href: tokensHref },
  { rel: "stylesheet", href: appHref },
];

export const meta: MetaFunction = () => [
  { title: "Partner Lead Portal" },
  {
    name: "description",
    content: "Leads handed to reseller partners with deadlines, and the rules that keep both sides honest.",
  },
];

/** The flash message of the last redirect (reading it clears it), and whether demo sign-ins are public. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { flash, setCookie } = await readFlash(request);
  return data(
    { flash, demoNotice: demoNoticeShown() },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Also on error pages, whenever the root loader got to answer.
  const demoNotice = useRouteLoaderData<typeof loader>("root")?.demoNotice ?? false;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        {demoNotice ? <DemoBanner /> : null}
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} standalone />;
}

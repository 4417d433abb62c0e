import type { MetaFunction } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { RouteErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";

export const meta: MetaFunction = () => pageTitle("Page not found");

/** Any address no route claims: the explained 404 page (GET) or a plain 404 (POST). */
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;

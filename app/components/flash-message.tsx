import { useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";

export type FlashKind = "success" | "info" | "error";

const ICONS: Record<FlashKind, string> = { success: "✓", info: "i", error: "!" };

/** A message box. Errors are announced at once (`role="alert"`), the rest politely. */
export function FlashMessage({ kind, children }: { kind: FlashKind; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      <span className="alert-icon" aria-hidden="true">
        {ICONS[kind]}
      </span>
      <div>{children}</div>
    </div>
  );
}

interface RootData {
  flash: { kind: FlashKind; message: string } | null;
}

/** The flash message of the last redirect (read by the root loader), if any. */
export function FlashRegion() {
  const data = useRouteLoaderData("root") as RootData | undefined;
  if (!data?.flash) return null;
  return <FlashMessage kind={data.flash.kind}>{data.flash.message}</FlashMessage>;
}

/** A form's message above it, unless it only repeats the message already shown next to a field. */
export function FormError({
  answer,
}: {
  answer?: { formError: string | null; fieldErrors: Record<string, string[] | undefined> } | null;
}) {
  if (!answer?.formError) return null;
  if (Object.values(answer.fieldErrors).some((messages) => messages?.includes(answer.formError!))) return null;
  return <FlashMessage kind="error">{answer.formError}</FlashMessage>;
}

/** /manager/rules/reasons: the decline, lost and disqualification reasons partners choose from. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { ReasonListEditor } from "~/components/reason-list-editor";
import { getDb } from "~/db.server";
import { REASON_LIST_NAMES } from "~/domain/reason-code";
import { REASON_LISTS, allReasons } from "~/models/reason-codes.server";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { addReason, renameReason, setReasonActive } from "~/services/reasons.server";

export const meta: MetaFunction = () => pageTitle("Reason lists");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const reasons = await allReasons(getDb());
  return { lists: REASON_LISTS.map((list) => ({ list, reasons: reasons.filter((r) => r.list === list) })) };
}

const list = z.enum(["decline", "lost", "disqualified"], { error: "Choose a reason list." });
const code = z.string({ error: "Choose a reason." }).regex(/^[a-z0-9_]{1,40}$/, "Choose a reason.");
const label = z
  .string({ error: "Enter the reason as partners will read it." })
  .trim()
  .min(1, "Enter the reason as partners will read it.")
  .max(80, "Use at most 80 characters.");

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), list, label }),
  z.object({ intent: z.literal("rename"), list, code, label }),
  z.object({ intent: z.literal("retire"), list, code }),
  z.object({ intent: z.literal("restore"), list, code }),
]);

const DONE = { add: "added", rename: "renamed", retire: "retired", restore: "restored" } as const;

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  // Which form on the page the messages belong to: a list's "add" form or one reason's row.
  const target = `${form.values.list ?? ""}:${form.values.code ?? "add"}`;
  if (!form.ok) return refuse(form, { values: form.values, target });
  const db = getDb();
  const actor = actorFor(auth);
  const f = form.data;
  const result =
    f.intent === "add"
      ? await addReason(db, f.list, f.label, actor)
      : f.intent === "rename"
        ? await renameReason(db, f.list, f.code, f.label, actor)
        : await setReasonActive(db, f.list, f.code, f.intent === "restore", actor);
  if (!result.ok) return refuse(result, { values: form.values, target });
  const retiredNote = f.intent === "retire" ? " Partners no longer see it; records that used it keep it." : "";
  return redirectWithFlash("/manager/rules/reasons", {
    kind: "success",
    message: `Reason ${DONE[f.intent]} in ${REASON_LIST_NAMES[f.list].toLowerCase()}.${retiredNote}`,
  });
}

export default function ReasonLists() {
  const { lists } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        eyebrow="Rules"
        title="Reason lists"
        description="What partners choose from when they decline an offer or report a lead lost or disqualified. A retired reason is no longer offered; records that used it keep it, so nothing is ever deleted."
        actions={<ButtonLink to="/manager/rules">Back to the rules</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      {lists.map((l) => (
        <Panel key={l.list} title={REASON_LIST_NAMES[l.list]}>
          <ReasonListEditor list={l.list} reasons={l.reasons} answer={actionData ?? null} />
        </Panel>
      ))}
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

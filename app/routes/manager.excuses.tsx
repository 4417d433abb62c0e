/** /manager/excuses: the excuse requests waiting for a decision (approve or reject with a note), then the decided ones. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { Badge } from "~/components/badge";
import { Button } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { DUE_LABELS } from "~/components/due-item";
import { EmptyState } from "~/components/empty-state";
import { NestedErrorBoundary } from "~/components/error-page";
import { TextAreaField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import { decidedExcuses, waitingExcuses, type DecidedCursor } from "~/models/excuse.server";
import { refuse, type FormAnswer } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { isUuid } from "~/security/ids";
import { decideExcuse } from "~/services/excuses.server";

export const meta: MetaFunction = () => pageTitle("Excuse requests");

const WAITING_SHOWN = 50;
const DECIDED_PAGE = 25;

/** `?after=<decided at>~<id>`: where the page of older decisions starts; anything else is the first page. */
function cursorOf(url: URL): DecidedCursor | undefined {
  const [at, id] = (url.searchParams.get("after") ?? "").split("~");
  const decidedAt = new Date(at ?? "");
  return isUuid(id) && !Number.isNaN(decidedAt.getTime()) ? { decidedAt, id } : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const db = getDb();
  const after = cursorOf(new URL(request.url));
  const [waiting, decided] = await Promise.all([
    waitingExcuses(db, WAITING_SHOWN),
    decidedExcuses(db, DECIDED_PAGE + 1, after),
  ]);
  const last = decided.length > DECIDED_PAGE ? decided[DECIDED_PAGE - 1] : undefined;
  return {
    waiting,
    decided: decided.slice(0, DECIDED_PAGE),
    olderDecisions: last ? `?after=${new Date(last.decidedAt!).toISOString()}~${last.id}` : null,
    paged: Boolean(after),
  };
}

const note = z.string().trim().max(2000, "Keep the note under 2,000 characters.");
const excuseId = z.uuid("This excuse request does not exist.");
export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), excuseId, note: note.optional() }),
  // A rejection is read by the partner, who needs to know why its breach still counts.
  z.object({
    intent: z.literal("reject"),
    excuseId,
    note: note.min(1, "Say why the breach still counts: the partner reads it."),
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { excuseId: form.values.excuseId ?? null });
  const { intent, ...input } = form.data;
  const decided = await decideExcuse(getDb(), { ...input, approve: intent === "approve" }, actorFor(auth));
  if (!decided.ok) return refuse(decided, { excuseId: input.excuseId });
  return redirectWithFlash("/manager/excuses", {
    kind: "success",
    message:
      decided.state === "approved"
        ? "Excuse approved: the breach no longer counts against the partner."
        : "Excuse rejected: the breach keeps counting.",
  });
}

type ActionData = FormAnswer & { excuseId: string | null };
type Item = ReturnType<typeof useLoaderData<typeof loader>>["waiting"][number];

export default function ExcuseQueue() {
  const { waiting, decided, olderDecisions, paged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const orphanError =
    actionData?.formError && !waiting.some((e) => e.id === actionData.excuseId) ? actionData.formError : null;
  return (
    <>
      <PageHeader
        eyebrow="Oversight"
        title="Excuse requests"
        description="Partners ask to excuse a breach when something outside their control made them late. An approved excuse stops the breach counting against their score and standing; a rejected one keeps it counting."
      />
      {orphanError ? <FlashMessage kind="error">{orphanError}</FlashMessage> : null}
      {paged ? null : (
        <Panel title={`Waiting for a decision (${waiting.length}${waiting.length === WAITING_SHOWN ? "+" : ""})`}>
          {waiting.length === 0 ? (
            <EmptyState title="No excuse requests waiting">
              When a partner asks to excuse a breach, it appears here, oldest first.
            </EmptyState>
          ) : (
            <ul className="card-list" aria-label="Excuse requests waiting">
              {waiting.map((excuse) => (
                <WaitingCard
                  key={excuse.id}
                  excuse={excuse}
                  pageAnswer={actionData?.excuseId === excuse.id ? actionData : undefined}
                />
              ))}
            </ul>
          )}
        </Panel>
      )}
      <Panel title="Decided">
        <Table
          caption="Decided excuse requests, newest first"
          rows={decided}
          rowKey={(e) => e.id}
          columns={[
            { header: "Partner", cell: (e) => e.partnerName },
            { header: "Lead", cell: (e) => e.company },
            { header: "Breach", cell: (e) => <Breach excuse={e} /> },
            { header: "Partner's reason", cell: (e) => e.reason },
            {
              header: "Decision",
              cell: (e) => <Decision state={e.state} />,
              kind: "nowrap",
            },
            {
              header: "Note",
              cell: (e) => e.note || <span className="muted">No note</span>,
            },
            {
              header: "Decided",
              cell: (e) => (
                <>
                  {e.decidedBy ?? "System"}, <DateTime at={e.decidedAt} />
                </>
              ),
            },
          ]}
          empty={{
            title: paged ? "No older decisions" : "No decisions yet",
            text: "Approved and rejected requests are kept here with the note.",
          }}
        />
        {olderDecisions || paged ? (
          <nav className="card-actions" aria-label="Decided requests pages">
            {paged ? <Link to="/manager/excuses">Back to the newest</Link> : null}
            {olderDecisions ? <Link to={olderDecisions}>Older decisions</Link> : null}
          </nav>
        ) : null}
      </Panel>
    </>
  );
}

function Decision({ state }: { state: Item["state"] }) {
  if (state === "approved") return <Badge tone="success">Approved</Badge>;
  if (state === "rejected") return <Badge tone="danger">Rejected</Badge>;
  return <Badge tone="info">Waiting</Badge>;
}

/** Which deadline was broken and how: missed, or met after it passed. */
function Breach({ excuse }: { excuse: Item }) {
  const late = excuse.metAt ? (
    <>
      met late, <DateTime at={excuse.metAt} />
    </>
  ) : (
    "missed"
  );
  return (
    <>
      {DUE_LABELS[excuse.kind]} due <DateTime at={excuse.dueAt} />, {late}
    </>
  );
}

function WaitingCard({ excuse, pageAnswer }: { excuse: Item; pageAnswer?: ActionData }) {
  const fetcher = useFetcher<typeof action>();
  const answer = fetcher.data ?? pageAnswer;
  const errors = answer?.fieldErrors ?? {};
  const busy = fetcher.state !== "idle";
  const headingId = `excuse-${excuse.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <div className="card-head">
        <h3 className="card-title" id={headingId}>
          {excuse.partnerName}: {excuse.company}
        </h3>
        <Badge tone="info">Waiting</Badge>
      </div>
      <DetailList
        items={[
          { label: "Breach", value: <Breach excuse={excuse} /> },
          { label: "Partner's reason", value: excuse.reason },
          {
            label: "Asked by",
            value: (
              <>
                {excuse.requestedBy}, <DateTime at={excuse.requestedAt} />
              </>
            ),
          },
        ]}
      />
      {answer?.formError ? <FlashMessage kind="error">{answer.formError}</FlashMessage> : null}
      <fetcher.Form method="post" className="form">
        <input type="hidden" name="excuseId" value={excuse.id} />
        <TextAreaField
          label="Note to the partner"
          hint="Optional when you approve; say why when you reject."
          name="note"
          rows={2}
          error={errors.note}
        />
        <div className="card-actions">
          <Button type="submit" name="intent" value="approve" disabled={busy}>
            Approve excuse
          </Button>
          <Button type="submit" name="intent" value="reject" variant="danger" disabled={busy}>
            Reject excuse
          </Button>
        </div>
      </fetcher.Form>
    </li>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

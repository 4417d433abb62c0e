import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { now } from "~/clock.server";
import { Button } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field, SelectField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { LeadCell } from "~/components/lead-cell";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Pager } from "~/components/pager";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import {
  encodeCursor,
  leadQuery,
  listQueryString,
  NO_FILTERS,
  parseListQuery,
  type LeadFilters,
} from "~/domain/lead-list";
import { leadListChoices, listLeads } from "~/models/lead-list.server";
import { fail, fieldErrorsOf } from "~/domain/outcome";
import { refuse } from "~/security/answer.server";
import { refusedForm } from "~/security/form.server";
import { actOnQueuedLeads, type QueueAction } from "~/services/lead-queue.server";

export const meta: MetaFunction = () => pageTitle("Queue");

const PAGE_SIZE = 50;
/** The queue: leads no partner could take, the longest waiting first. */
const QUEUE: LeadFilters = { ...NO_FILTERS, state: "queued", sort: "oldest" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  // Only the page position is read from the URL: the queue's filter and order are fixed.
  const params = new URL(request.url).searchParams;
  params.set("sort", QUEUE.sort);
  const { page, problems } = parseListQuery(params);
  const db = getDb();
  const [leads, choices] = await Promise.all([
    listLeads(db, leadQuery(QUEUE), page, PAGE_SIZE, now()),
    leadListChoices(db),
  ]);
  return {
    rows: leads.rows,
    partners: choices.partners,
    pageProblem: problems.page ?? null,
    previous: leads.previous ? listQueryString(NO_FILTERS, { before: encodeCursor(leads.previous) }) : null,
    next: leads.next ? listQueryString(NO_FILTERS, { after: encodeCursor(leads.next) }) : null,
  };
}

const leadIds = z
  .array(z.uuid("Select leads from the list."))
  .min(1, "Select at least one lead.")
  .max(PAGE_SIZE, `Select at most ${PAGE_SIZE} leads at a time.`);

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("route"), leadId: leadIds }),
  z.object({
    intent: z.literal("offer"),
    leadId: leadIds,
    partnerId: z.uuid("Choose the partner to offer the leads to."),
    reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
  }),
  z.object({ intent: z.literal("nurture"), leadId: leadIds }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(fail("invalid", "The form could not be read. Reload the page and try again."), {});
  }
  // Several leads are selected at once: `leadId` is read as a list.
  const parsed = actionSchema.safeParse({ ...Object.fromEntries(form), leadId: form.getAll("leadId") });
  if (!parsed.success) {
    const refused = refusedForm(fieldErrorsOf(parsed.error));
    // The selection has no field of its own: its problem is the form's message.
    const selection = Object.entries(refused.fieldErrors ?? {}).find(([key]) => key.startsWith("leadId"))?.[1][0];
    return refuse({ ...refused, message: selection ?? refused.message }, {});
  }
  const input = parsed.data;
  const queueAction: QueueAction =
    input.intent === "offer"
      ? { kind: "offer", partnerId: input.partnerId, reason: input.reason }
      : { kind: input.intent };
  const { summary, results } = await actOnQueuedLeads(getDb(), queueAction, input.leadId, actorFor(auth));
  const allDone = results.every((r) => ["routed", "offered", "moved to nurture"].includes(r));
  return redirectWithFlash("/manager/queue", {
    kind: allDone ? "success" : "info",
    message: summary.length > 500 ? `${summary.slice(0, 497)}…` : summary,
  });
}

export default function Queue() {
  const { rows, partners, pageProblem, previous, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <>
      <PageHeader
        eyebrow="Leads"
        title="Queue"
        description="Qualified leads no partner could take: nobody was eligible, or the lead was offered 3 times. The longest waiting first. Select leads, then route them again, offer them to a partner of your choice, or move them to the nurture pool."
      />
      {pageProblem ? <FlashMessage kind="info">{pageProblem}</FlashMessage> : null}
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel>
        <Form method="post" id="queue-actions">
          <Table
            caption="Leads waiting in the queue, the longest waiting first"
            rows={rows}
            rowKey={(l) => l.id}
            columns={[
              {
                header: "Select",
                cell: (l) => (
                  <input
                    type="checkbox"
                    className="row-select"
                    name="leadId"
                    value={l.id}
                    aria-label={`Select ${l.company_name}`}
                  />
                ),
              },
              {
                header: "Lead",
                cell: (l) => <LeadCell lead={l} />,
              },
              {
                header: "Why it waits",
                cell: (l) => l.queued_reason ?? <span className="muted">No reason recorded</span>,
              },
              { header: "Offers made", kind: "number", cell: (l) => l.offer_count },
              { header: "Territory", kind: "nowrap", cell: (l) => l.territory },
              { header: "Vertical", cell: (l) => l.vertical ?? <span className="muted">none</span> },
              { header: "Score", kind: "number", cell: (l) => l.score },
              { header: "Arrived", kind: "nowrap", cell: (l) => <DateTime at={l.intake_at} /> },
            ]}
            empty={{
              title: "The queue is empty",
              text: "Every qualified lead found a partner. Leads nobody can take appear here.",
            }}
          />
          {rows.length > 0 ? (
            <fieldset className="bulk-actions">
              <legend className="field-label">With the selected leads</legend>
              <Button type="submit" name="intent" value="route" disabled={busy}>
                Route again
              </Button>
              <Button type="submit" name="intent" value="nurture" variant="secondary" disabled={busy}>
                Move to nurture
              </Button>
              <SelectField
                label="Partner"
                name="partnerId"
                options={partners.map((p) => ({
                  value: p.id,
                  label: p.level && p.level !== "good" ? `${p.name} (${p.level})` : p.name,
                }))}
                placeholder="Choose a partner"
                error={errors.partnerId}
              />
              <Field
                label="Reason for the offer"
                name="reason"
                hint="Needed when the offer overrides territory, vertical, capacity or a pause"
                error={errors.reason}
              />
              <Button type="submit" name="intent" value="offer" variant="secondary" disabled={busy}>
                Offer to this partner
              </Button>
            </fieldset>
          ) : null}
        </Form>
        <Pager
          label="Queue pages"
          previous={previous ? `/manager/queue${previous}` : null}
          next={next ? `/manager/queue${next}` : null}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { env } from "~/env.server";
import { MAX_API_BATCH } from "~/domain/intake-api";
import { LEAD_FIELD_LABELS, LEAD_FIELDS, TIMELINE_CHOICES, type LeadField } from "~/domain/intake-fields";
import { DUPLICATE_WINDOW_DAYS } from "~/domain/intake-dedupe";

export const meta: MetaFunction = () => pageTitle("Lead API");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  return { baseUrl: env().APP_URL.replace(/\/$/, "") };
}

const FIELD_NOTES: Record<LeadField | "campaign_id", string> = {
  external_id:
    "Required. Your id for the lead, at most 100 characters. Sending it again updates the lead instead of adding one.",
  contact_name: "Required. At most 200 characters.",
  contact_email: "An email address; compared without regard to case.",
  contact_phone: "6 to 15 digits, optionally with a leading +; spaces, dashes and brackets are ignored.",
  contact_title: "The contact's title or role, e.g. “Director of IT”.",
  company_name: "Required. At most 200 characters.",
  company_size: "Employees, a whole number (or a string of digits).",
  territory: "Required. ISO 3166 country or subdivision code: US, US-CA, DE.",
  vertical: "A vertical's code or name, e.g. software, healthcare.",
  interest: "What the contact asked about, at most 1,000 characters.",
  timeline: `The buying timeline, e.g. ${TIMELINE_CHOICES.slice(0, 3)
    .map((t) => `“${t}”`)
    .join(", ")}.`,
  engagement: "Campaign activities (opens, clicks, visits, sign-ups), a whole number.",
  campaign_id: "The id of an active campaign, optional.",
};

const STATUSES = [
  ["201 Created", "At least one lead was created. The body lists each lead's id."],
  ["200 OK", "Every lead already existed (same external id from this key's source) and was updated."],
  ["400 Bad Request", 'The body is not JSON, or not a lead object or `{ "leads": [...] }`.'],
  ["401 Unauthorized", "No key, a wrong key or a revoked key."],
  ["413 Payload Too Large", `More than ${MAX_API_BATCH.toLocaleString("en-US")} leads, or a body over 4 MB.`],
  ["415 Unsupported Media Type", "The Content-Type is not application/json."],
  ["422 Unprocessable Content", "Some fields are invalid. `details` names each one; nothing was stored."],
] as const;

export default function ApiDocs() {
  const { baseUrl } = useLoaderData<typeof loader>();
  const single = `curl -X POST ${baseUrl}/api/v1/leads \\
  -H "Authorization: Bearer $LEADS_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "external_id": "crm-10042",
    "contact_name": "Grace Hopper",
    "contact_email": "grace@example.com",
    "contact_title": "Director of Engineering",
    "company_name": "Compiler Works",
    "company_size": 1200,
    "territory": "US-CA",
    "vertical": "software",
    "timeline": "0-3 months"
  }'`;
  const singleAnswer = `HTTP/1.1 201 Created
{
  "lead": {
    "id": "5b0c7c1e-…",
    "external_id": "crm-10042",
    "status": "created",
    "kind": "lead",
    "score": 70,
    "state_url": "/api/v1/leads/5b0c7c1e-…",
    "duplicate_of": null
  }
}`;
  const batch = `curl -X POST ${baseUrl}/api/v1/leads \\
  -H "Authorization: Bearer $LEADS_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{ "leads": [ { "external_id": "crm-1", … }, { "external_id": "crm-2", … } ] }'`;
  const invalid = `HTTP/1.1 422 Unprocessable Content
{
  "error": {
    "code": "validation_failed",
    "message": "1 of 2 leads have invalid fields; nothing was stored.",
    "details": [
      { "index": 1, "field": "territory", "message": "must be an ISO 3166 country or subdivision code such as US, US-CA or DE" }
    ]
  }
}`;
  const status = `curl ${baseUrl}/api/v1/leads/5b0c7c1e-… -H "Authorization: Bearer $LEADS_API_KEY"

HTTP/1.1 200 OK
{
  "lead": {
    "id": "5b0c7c1e-…", "external_id": "crm-10042", "kind": "lead", "state": "accepted", "score": 70,
    "duplicate_of": null, "duplicate_status": null,
    "intake_at": "2026-03-02T10:00:00.000Z", "updated_at": "2026-03-04T08:12:00.000Z",
    "outcome": null
  }
}`;
  return (
    <>
      <PageHeader
        eyebrow="Intake"
        title="Lead API"
        description="Send leads from web sites, marketing automation or a CRM. Every lead is checked, scored and de-duplicated exactly like one typed into the form."
        actions={<ButtonLink to="/manager/intake/api-keys">API keys</ButtonLink>}
      />
      <Panel title="Authentication">
        <p>
          Create a key under <Link to="/manager/intake/api-keys">Intake → API keys</Link> and send it with every request
          as <code className="mono">Authorization: Bearer &lt;key&gt;</code>. The key is shown once; revoke it there
          when it leaks. Each key name is a source: leads from it are reported under that name.
        </p>
      </Panel>
      <Panel title="Send one lead: POST /api/v1/leads">
        <Code label="Example: one lead">{single}</Code>
        <Code label="Example answer">{singleAnswer}</Code>
        <p>
          <strong>Idempotent:</strong> the same <code className="mono">external_id</code> from the same source updates
          that lead and answers 200 with the same id, so retrying after a timeout never creates a second lead. A lead
          whose score reaches the threshold is handed to routing at once (<code className="mono">kind: "lead"</code>);
          below it, it is kept as an inquiry.
        </p>
      </Panel>
      <Panel title={`Send a batch of up to ${MAX_API_BATCH.toLocaleString("en-US")}`}>
        <Code label="Example: a batch">{batch}</Code>
        <p>
          A batch is all or nothing: when any lead is invalid, nothing is stored and the answer names every bad field of
          every bad lead by its <code className="mono">index</code> in the array. An external id may appear only once
          per batch.
        </p>
        <Code label="Example: invalid fields">{invalid}</Code>
      </Panel>
      <Panel title="Fields">
        <Table
          caption="Lead fields accepted by the API"
          rows={[...LEAD_FIELDS, "campaign_id" as const]}
          rowKey={(f) => f}
          columns={[
            { header: "Field", cell: (f) => <code className="mono">{f}</code> },
            { header: "Meaning", cell: (f) => (f === "campaign_id" ? "Campaign" : LEAD_FIELD_LABELS[f]) },
            { header: "Rules", cell: (f) => FIELD_NOTES[f] },
          ]}
        />
        <p className="muted">Any other field is refused with 422, so a typo never goes unnoticed.</p>
      </Panel>
      <Panel title="Answers">
        <Table
          caption="HTTP status codes"
          rows={STATUSES.map(([code, meaning]) => ({ code, meaning }))}
          rowKey={(r) => r.code}
          columns={[
            { header: "Status", cell: (r) => r.code, kind: "nowrap" },
            { header: "Meaning", cell: (r) => r.meaning },
          ]}
        />
        <p>
          Every refusal has the body <code className="mono">{`{ "error": { "code", "message", "details"? } }`}</code>.
        </p>
      </Panel>
      <Panel title="State and outcome: GET /api/v1/leads/:id">
        <Code label="Example: state and outcome">{status}</Code>
        <p>
          A key sees the leads of its own source only. <code className="mono">state</code> follows the lead through
          routing, the partner's acceptance and the outcome (won, lost, disqualified).
        </p>
      </Panel>
      <Panel title="Duplicates">
        <p>
          A lead with the same email (in any case), or the same company and phone, as a lead that came in within the
          last {DUPLICATE_WINDOW_DAYS} days is still created, and flagged with{" "}
          <code className="mono">duplicate_of</code> (the earlier lead) for a channel manager to merge or keep.
        </p>
      </Panel>
    </>
  );
}

/** A code sample that scrolls sideways on a phone instead of widening the page. */
function Code({ label, children }: { label: string; children: string }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <pre className="mono">{children}</pre>
    </div>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

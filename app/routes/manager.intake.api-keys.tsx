import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { Badge } from "~/components/badge";
import { Button, ButtonLink } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { listApiKeys } from "~/models/api-key.server";
import { answer, refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { apiKeyNameSchema } from "~/domain/intake-api";
import { createApiKey, revokeKey } from "~/services/api-keys.server";

export const meta: MetaFunction = () => pageTitle("API keys");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const keys = await listApiKeys(getDb());
  return {
    keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      createdAt: k.created_at,
      lastUsedAt: k.last_used_at,
      revokedAt: k.revoked_at,
    })),
  };
}

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: apiKeyNameSchema }),
  z.object({ intent: z.literal("revoke"), keyId: z.uuid("Choose a key from the list.") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { created: null });
  if (form.data.intent === "create") {
    const created = await createApiKey(getDb(), form.data.name, actorFor(auth));
    // Answered directly, not redirected: the key must never sit in a flash cookie or a URL.
    return answer({ created: { name: created.name, key: created.key } });
  }
  const revoked = await revokeKey(getDb(), form.data.keyId, actorFor(auth));
  if (!revoked.ok) return refuse(revoked, { created: null });
  return redirectWithFlash("/manager/intake/api-keys", {
    kind: "success",
    message: `The key “${revoked.name}” is revoked: requests with it now answer 401.`,
  });
}

export default function ApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <>
      <PageHeader
        eyebrow="Intake"
        title="API keys"
        description={
          <>
            Machines send leads with a key. Each key name is a source: leads are idempotent by external id per source,
            so a replacement key under the same name continues the same source.{" "}
            <Link to="/manager/api-docs">How to use the API</Link>.
          </>
        }
        actions={<ButtonLink to="/manager/intake">Back to intake</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      {actionData?.created ? (
        <FlashMessage kind="success">
          <p>
            The key “{actionData.created.name}” is ready. Copy it now: it is stored only as a fingerprint and will not
            be shown again.
          </p>
          <p>
            <code className="mono" data-testid="new-api-key">
              {actionData.created.key}
            </code>
          </p>
        </FlashMessage>
      ) : null}
      <Panel title="New key">
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            name="name"
            required
            hint="Where it is used, e.g. “Website contact form” or “Marketo”."
            error={errors.name}
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              Create key
            </Button>
          </div>
        </Form>
      </Panel>
      <Panel title="Keys">
        <Table
          caption="API keys, live ones first"
          rows={keys}
          rowKey={(k) => k.id}
          columns={[
            { header: "Name", cell: (k) => k.name },
            { header: "Key", cell: (k) => <code className="mono">{k.prefix}…</code> },
            { header: "Created", cell: (k) => <DateTime at={k.createdAt} />, kind: "nowrap" },
            { header: "Last used", cell: (k) => <DateTime at={k.lastUsedAt} />, kind: "nowrap" },
            {
              header: "Status",
              cell: (k) =>
                k.revokedAt ? (
                  <Badge tone="neutral">Revoked</Badge>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="keyId" value={k.id} />
                    <Badge tone="success">Live</Badge>{" "}
                    <Button
                      type="submit"
                      variant="danger"
                      size="small"
                      disabled={busy}
                      aria-label={`Revoke the key “${k.name}”`}
                    >
                      Revoke
                    </Button>
                  </Form>
                ),
            },
          ]}
          empty={{ title: "No keys yet", text: "Create one above for each system that sends leads." }}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

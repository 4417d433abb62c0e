import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { CAMPAIGN_CHANNELS } from "~/domain/intake-campaigns";
import type { FieldErrors } from "~/domain/outcome";
import { Badge } from "./badge";
import { Button, ButtonLink } from "./button";
import { Field } from "./field";
import { FlashMessage } from "./flash-message";
import { PageHeader, Panel } from "./page-header";

/** The campaign form, for a new campaign and for an existing one (which adds its archive panel as `children`). */
export function CampaignEditor({
  title,
  archived = false,
  values,
  formError,
  fieldErrors,
  submitLabel,
  children,
}: {
  title: string;
  archived?: boolean;
  values: Record<string, string>;
  formError: string | null;
  fieldErrors: FieldErrors;
  submitLabel: string;
  children?: ReactNode;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader
        eyebrow="Campaigns"
        title={title}
        description={
          archived ? (
            <Badge tone="neutral">Archived</Badge>
          ) : (
            "Cost in your currency; reports divide it by leads and by won deals."
          )
        }
        actions={<ButtonLink to="/manager/campaigns">All campaigns</ButtonLink>}
      />
      {formError ? <FlashMessage kind="error">{formError}</FlashMessage> : null}
      <Panel narrow>
        <Form method="post" className="form" noValidate key={JSON.stringify(values)}>
          <input type="hidden" name="intent" value="save" />
          <Field label="Name" name="name" required defaultValue={values.name} error={fieldErrors.name} />
          <Field
            label="Channel"
            name="channel"
            required
            list="campaign-channels"
            defaultValue={values.channel}
            error={fieldErrors.channel}
            hint="Webinar, trade show, paid search…"
          />
          <datalist id="campaign-channels">
            {CAMPAIGN_CHANNELS.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <div className="grid-2">
            <Field
              label="Starts on"
              name="starts_on"
              type="date"
              defaultValue={values.starts_on}
              error={fieldErrors.starts_on}
            />
            <Field
              label="Ends on"
              name="ends_on"
              type="date"
              defaultValue={values.ends_on}
              error={fieldErrors.ends_on}
            />
          </div>
          <Field
            label="Cost"
            name="cost"
            inputMode="decimal"
            hint="The whole campaign, e.g. 12500 or 12500.50."
            defaultValue={values.cost}
            error={fieldErrors.cost}
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {submitLabel}
            </Button>
          </div>
        </Form>
      </Panel>
      {children}
    </>
  );
}

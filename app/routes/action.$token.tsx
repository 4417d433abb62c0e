/**
 * /action/:token: where a link from an email lands (ADR 021). Opening it changes nothing (mail
 * scanners follow links): the page says what the button will do. Only the button's same-origin
 * POST acts, once, as the link's user; then the lead is shown, or a sign-in link to it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { getOptionalUser } from "~/auth/guards.server";
import { AuthLayout } from "~/components/app-shell";
import { Badge } from "~/components/badge";
import { Button, ButtonLink } from "~/components/button";
import { Countdown } from "~/components/countdown";
import { DateTime } from "~/components/date-time";
import { FlashMessage, FormError } from "~/components/flash-message";
import { LeadFacts } from "~/components/lead-facts";
import { pageTitle } from "~/components/meta";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { DEFAULT_TOUCH_KIND } from "~/domain/action-links";
import { TOUCH_KINDS } from "~/domain/obligations";
import { answer, refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { actionLinkForToken, redeemActionLink } from "~/services/action-links.server";

export const meta: MetaFunction = () => pageTitle("Confirm from your email");

const tokenOf = (params: LoaderFunctionArgs["params"]) => (params.token ?? "").slice(0, 200);
const signInTo = (path: string) => `/login?${new URLSearchParams({ redirectTo: path })}`;

export async function loader({ params }: LoaderFunctionArgs) {
  return { view: await actionLinkForToken(getDb(), tokenOf(params)), now: now() };
}

/** The intent names the action the page offered; a token for another action is refused. */
export const actionSchema = z.object({
  intent: z.enum(["accept_offer", "log_touch"]),
  kind: z.enum(TOUCH_KINDS, { error: "Choose call, email or meeting." }).optional(),
});

const DONE = {
  accept_offer: (company: string) =>
    `Offer accepted: ${company} is your company's lead now. Log your first touch before its deadline.`,
  log_touch: (company: string) => `Touch logged on ${company}.`,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { done: null, explain: false });
  const redeemed = await redeemActionLink(getDb(), {
    token: tokenOf(params),
    action: form.data.intent,
    touchKind: form.data.kind,
  });
  // Used, expired, unknown or no longer possible: the page explains instead of the form.
  if (!redeemed.ok) return refuse(redeemed, { done: null, explain: redeemed.code !== "invalid" });
  const leadPath = `/partner/leads/${redeemed.leadId}`;
  const message = DONE[redeemed.action](redeemed.company);
  const signedIn = await getOptionalUser(request);
  if (signedIn?.user.id === redeemed.userId) return redirectWithFlash(leadPath, { kind: "success", message });
  return answer({ done: { message, signIn: signInTo(leadPath) }, explain: false });
}

export default function ActionLink() {
  const { view, now: at } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";

  if (actionData?.done) {
    return (
      <AuthLayout title="Done">
        <FlashMessage kind="success">{actionData.done.message}</FlashMessage>
        <p>The contact&apos;s details and the lead&apos;s deadlines are in the portal.</p>
        <ButtonLink to={actionData.done.signIn} variant="primary" block>
          Sign in to see the lead
        </ButtonLink>
      </AuthLayout>
    );
  }
  const explanation = actionData?.explain ? actionData.formError : view.state !== "open" ? view.message : null;
  if (explanation || view.state !== "open") {
    return (
      <AuthLayout title="This link cannot be used" note="Links in emails work once, and only for a while.">
        <FlashMessage kind="info">{explanation}</FlashMessage>
        <ButtonLink to={signInTo("/partner")} variant="primary" block>
          Sign in
        </ButtonLink>
      </AuthLayout>
    );
  }

  const { subject } = view;
  const accept = view.action === "accept_offer";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <AuthLayout
      title={accept ? "Accept this offer?" : "Did you contact them?"}
      description={
        accept ? (
          <>
            Accepting makes {subject.company} your company&apos;s lead: its contact details are shown and the time for
            the first touch starts.
          </>
        ) : (
          <>This logs a touch on {subject.company}, as of now: it counts towards the lead&apos;s deadlines.</>
        )
      }
      note={
        <>
          Nothing changes until you press the button. Or <Link to={signInTo("/partner")}>sign in</Link> to answer in the
          portal.
        </>
      }
    >
      <FormError answer={actionData} />
      <div className="stack-tight">
        <h2 className="card-title">
          {subject.company} <Badge tone="info">Score {subject.score}</Badge>
        </h2>
        {accept ? (
          <Countdown due={subject.acceptDueAt} now={at} timeZone={view.timeZone} label="Accept by" />
        ) : (
          <p className="muted">
            This link works until <DateTime at={view.expiresAt} timeZone={view.timeZone} />.
          </p>
        )}
      </div>
      <LeadFacts lead={subject} />
      <Form method="post" className="form" noValidate>
        {accept ? null : (
          <fieldset className="picker">
            <legend className="field-label">How did you contact them?</legend>
            {errors.kind ? <p className="field-error">{errors.kind[0]}</p> : null}
            <ul className="picker-list">
              {TOUCH_KINDS.map((kind) => (
                <li key={kind} className="picker-item">
                  <input
                    type="radio"
                    id={`kind-${kind}`}
                    name="kind"
                    value={kind}
                    defaultChecked={kind === DEFAULT_TOUCH_KIND}
                  />
                  <label htmlFor={`kind-${kind}`}>{TOUCH_LABELS[kind]}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <p className="muted">You act as {view.userName}, the person this email was sent to. The link works once.</p>
        <Button type="submit" name="intent" value={view.action} block disabled={busy}>
          {busy ? "Saving…" : accept ? "Accept the offer" : "Log the touch"}
        </Button>
      </Form>
    </AuthLayout>
  );
}

const TOUCH_LABELS: Record<(typeof TOUCH_KINDS)[number], string> = {
  call: "A call",
  email: "An email",
  meeting: "A meeting",
};

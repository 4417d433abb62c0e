/** /partner: the inbox. Open offers with their deadline; accept, decline with a reason, or (admins) hand to a rep. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requirePartnerScope } from "~/auth/guards.server";
import { Badge } from "~/components/badge";
import { Button } from "~/components/button";
import { Countdown } from "~/components/countdown";
import { TextWithTimes } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { NestedErrorBoundary } from "~/components/error-page";
import { SelectField, TextAreaField } from "~/components/field";
import { FlashMessage, FormError } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader } from "~/components/page-header";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { inboxOffers, type InboxOffer } from "~/models/inbox.server";
import { findPartnerSummary } from "~/models/partner.server";
import { reasonChoices } from "~/models/policy.server";
import { listPartnerTeam } from "~/models/user.server";
import { offerScopeOf } from "~/services/actor";
import { dispatchToRep } from "~/services/assignment.server";
import { acceptOffer, declineOffer } from "~/services/offer-decisions.server";
import { refuse, type FormAnswer } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";

export const meta: MetaFunction = () => pageTitle("Inbox");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePartnerScope(request);
  const db = getDb();
  const isAdmin = auth.user.role === "partner_admin";
  const [partner, offers, declineReasons, team] = await Promise.all([
    findPartnerSummary(db, auth.partnerId),
    inboxOffers(db, offerScopeOf(actorFor(auth))),
    reasonChoices(db, "decline"),
    isAdmin ? listPartnerTeam(db, auth.partnerId) : Promise.resolve([]),
  ]);
  return {
    now: now(),
    timeZone: partner?.timeZone ?? "UTC",
    isAdmin,
    userId: auth.user.id,
    offers,
    declineReasons,
    reps: team.filter((m) => !m.disabled).map((m) => ({ value: m.id, label: m.name })),
  };
}

const offerId = z.uuid("This offer does not exist.");
export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), offerId }),
  z.object({
    intent: z.literal("decline"),
    offerId,
    reason: z.string({ error: "Choose a reason for declining." }).min(1, "Choose a reason for declining."),
    note: z.string().max(2000, "Keep the note under 2,000 characters.").optional(),
  }),
  z.object({
    intent: z.literal("dispatch"),
    offerId,
    repId: z.union([z.literal(""), z.uuid("Choose a member of your team.")]),
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePartnerScope(request);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) {
    return refuse(form, { offerId: form.values.offerId ?? null });
  }
  const db = getDb();
  const actor = actorFor(auth);
  const input = form.data;
  if (input.intent === "accept") {
    const accepted = await acceptOffer(db, input.offerId, actor);
    if (!accepted.ok) return refuse(accepted, { offerId: input.offerId });
    return redirectWithFlash(`/partner/leads/${accepted.leadId}`, {
      kind: "success",
      message: "Offer accepted: the contact details are below. Log your first touch before its deadline.",
    });
  }
  if (input.intent === "decline") {
    const declined = await declineOffer(
      db,
      { offerId: input.offerId, reasonCode: input.reason, note: input.note },
      actor,
    );
    if (!declined.ok) return refuse(declined, { offerId: input.offerId }, "reason");
    return redirectWithFlash("/partner", {
      kind: "success",
      message: "Offer declined: the lead goes back to the vendor.",
    });
  }
  const dispatched = await dispatchToRep(db, { offerId: input.offerId, repId: input.repId || null }, actor);
  if (!dispatched.ok) return refuse(dispatched, { offerId: input.offerId }, "repId");
  return redirectWithFlash("/partner", {
    kind: "success",
    message: input.repId
      ? "Offer handed to your rep: they see it in their inbox."
      : "Offer handed back to nobody: every rep sees it.",
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = FormAnswer & { offerId: string | null };

export default function Inbox() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          data.isAdmin
            ? "Offers to your company, soonest deadline first. Accept or decline each one before its deadline, or hand it to a rep."
            : "Offers handed to you and those no one has taken yet, soonest deadline first. Accept or decline before the deadline."
        }
      />
      {actionData?.formError && !data.offers.some((o) => o.offerId === actionData.offerId) ? (
        <FlashMessage kind="error">{actionData.formError}</FlashMessage>
      ) : null}
      {data.offers.length === 0 ? (
        <EmptyState title="No offers waiting">
          When the channel team offers your company a lead, it appears here with the time left to accept it.
        </EmptyState>
      ) : (
        <ul className="card-list" aria-label="Open offers">
          {data.offers.map((offer) => (
            <OfferCard
              key={offer.offerId}
              offer={offer}
              data={data}
              pageAnswer={actionData?.offerId === offer.offerId ? actionData : undefined}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function OfferCard({
  offer,
  data,
  pageAnswer,
}: {
  offer: LoaderData["offers"][number];
  data: LoaderData;
  pageAnswer?: ActionData;
}) {
  const fetcher = useFetcher<typeof action>();
  const answer = fetcher.data ?? pageAnswer;
  const errors = answer?.fieldErrors ?? {};
  const busy = fetcher.state !== "idle";
  const headingId = `offer-${offer.offerId}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 className="card-title" id={headingId}>
          {offer.company}
        </h2>
        <Badge tone="info">Score {offer.score}</Badge>
        {offer.repName ? (
          <Badge tone="neutral">For {offer.repId === data.userId ? "you" : offer.repName}</Badge>
        ) : (
          <Badge tone="neutral">Unclaimed</Badge>
        )}
      </div>
      <Countdown due={offer.acceptDueAt} now={data.now} timeZone={data.timeZone} label="Accept by" />
      <DetailList items={facts(offer)} />
      <p className="muted">The contact&apos;s name, email and phone are shown once you accept.</p>
      <FormError answer={answer} />
      <div className="card-actions">
        <fetcher.Form method="post">
          <input type="hidden" name="offerId" value={offer.offerId} />
          <Button type="submit" name="intent" value="accept" disabled={busy}>
            Accept
          </Button>
        </fetcher.Form>
        <details className="disclosure">
          <summary>Decline…</summary>
          <fetcher.Form method="post" className="form">
            <input type="hidden" name="offerId" value={offer.offerId} />
            <SelectField
              label="Reason"
              name="reason"
              options={data.declineReasons}
              placeholder="Choose a reason"
              error={errors.reason}
            />
            <TextAreaField label="Note (optional)" name="note" rows={2} error={errors.note} />
            <Button type="submit" name="intent" value="decline" variant="danger" disabled={busy}>
              Decline offer
            </Button>
          </fetcher.Form>
        </details>
        {data.isAdmin ? (
          <details className="disclosure">
            <summary>Hand to a rep…</summary>
            <fetcher.Form method="post" className="form">
              <input type="hidden" name="offerId" value={offer.offerId} />
              <SelectField
                label="Rep"
                name="repId"
                options={data.reps}
                placeholder="Nobody (every rep sees it)"
                defaultValue={offer.repId ?? ""}
                error={errors.repId}
              />
              <Button type="submit" name="intent" value="dispatch" variant="secondary" disabled={busy}>
                Hand over
              </Button>
            </fetcher.Form>
          </details>
        ) : null}
      </div>
    </li>
  );
}

function facts(
  offer: Pick<
    InboxOffer,
    "territory" | "vertical" | "companySize" | "interest" | "timeline" | "campaign" | "offerReason"
  >,
) {
  const none = <span className="muted">not given</span>;
  return [
    { label: "Territory", value: offer.territory },
    { label: "Vertical", value: offer.vertical ?? none },
    {
      label: "Company size",
      value: offer.companySize != null ? `${offer.companySize.toLocaleString("en-US")} employees` : none,
    },
    { label: "Interest", value: offer.interest ?? none },
    { label: "Timeline", value: offer.timeline ?? none },
    { label: "Campaign", value: offer.campaign ?? none },
    ...(offer.offerReason
      ? [{ label: "Offered to you by hand", value: <TextWithTimes text={offer.offerReason} /> }]
      : []),
  ];
}

export const ErrorBoundary = NestedErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePartnerScope } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { RuleSet } from "~/components/rule-set";
import { getDb } from "~/db.server";
import { findPartnerSummary } from "~/models/partner.server";
import { policyInForceWithPrevious } from "~/models/policy.server";

export const meta: MetaFunction = () => pageTitle("The rules");

export async function loader({ request }: LoaderFunctionArgs) {
  const { partnerId } = await requirePartnerScope(request);
  const db = getDb();
  const partner = await findPartnerSummary(db, partnerId);
  return { rules: await policyInForceWithPrevious(db), timeZone: partner?.timeZone ?? "UTC" };
}

export default function PartnerRules() {
  const { rules, timeZone } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow="Compliance"
        title="The lead rules in force"
        description="What the vendor and partners agreed: the deadlines on every lead, how the score is made and who receives new leads."
        actions={<ButtonLink to="/partner/compliance">Back to compliance</ButtonLink>}
      />
      <Panel>
        <RuleSet
          policy={rules.current}
          previous={rules.previous}
          note={rules.note}
          since={rules.since}
          timeZone={timeZone}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

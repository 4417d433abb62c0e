/** /manager/rules: the rule set in force (the page partners read), its history, and where to edit. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { RuleSet } from "~/components/rule-set";
import { VersionHistory, withChanges } from "~/components/version-history";
import { getDb } from "~/db.server";
import { policyChanges } from "~/domain/rule-text";
import { policyVersions } from "~/models/rule-versions.server";

export const meta: MetaFunction = () => pageTitle("Rules");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const versions = withChanges(await policyVersions(getDb()), (a, b) => policyChanges(a.policy, b.policy));
  const current = versions.find((v) => v.inForce) ?? versions[0];
  const previous = versions.find((v) => v.version < current.version) ?? null;
  return { current, previous: previous?.policy ?? null, versions };
}

export default function ManagerRules() {
  const { current, previous, versions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow="Rules"
        title="The lead rules in force"
        description="The one page partners read at their Rules page: the deadlines on every lead, how the score is made and who receives new leads."
        actions={
          <>
            <ButtonLink to="/manager/rules/policy" variant="primary">
              Edit the deadlines and score
            </ButtonLink>
            <ButtonLink to="/manager/rules/scoring">Lead scoring</ButtonLink>
            <ButtonLink to="/manager/rules/reasons">Reason lists</ButtonLink>
          </>
        }
      />
      <Panel>
        <p className="muted">
          Put in force by {current.by ?? "the installation (defaults)"} on <DateTime at={current.at} />.
        </p>
        <RuleSet policy={current.policy} previous={previous} note={current.note} since={current.at} />
      </Panel>
      <Panel title="Version history">
        <p className="muted">
          Every offer keeps the version it was made under: its deadlines never move when the rules change. The score and
          standing always follow the version in force.
        </p>
        <VersionHistory label="Versions of the rules" versions={versions} />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

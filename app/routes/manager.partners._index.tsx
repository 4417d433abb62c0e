/** /manager/partners: every partner with its standing, score, load against capacity and last activity. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { StandingLevel } from "@db/schema";
import { requireRole } from "~/auth/guards.server";
import { Badge, StandingBadge } from "~/components/badge";
import { ButtonLink } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import { listPartners, PARTNER_PAGE_SIZE } from "~/models/partner.server";
import { isUuid } from "~/security/ids";

export const meta: MetaFunction = () => pageTitle("Partners");

/** The keyset cursor of the next page: the last row's name and id. A malformed one starts over. */
const cursorSchema = z.object({ afterName: z.string().max(200), afterId: z.string().refine(isUuid) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const cursor = cursorSchema.safeParse(params);
  const after = cursor.success ? { name: cursor.data.afterName, id: cursor.data.afterId } : null;
  const rows = await listPartners(getDb(), after, PARTNER_PAGE_SIZE + 1);
  const page = rows.slice(0, PARTNER_PAGE_SIZE);
  const last = page.at(-1);
  const next =
    rows.length > PARTNER_PAGE_SIZE && last
      ? `?${new URLSearchParams({ afterName: last.name, afterId: last.id })}`
      : null;
  return { partners: page, next, paged: after !== null };
}

export default function Partners() {
  const { partners, next, paged } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow="Channel"
        title="Partners"
        description="Standing, compliance score and open leads against capacity for every partner."
        actions={<ButtonLink to="/manager/partners/new">New partner</ButtonLink>}
      />
      <Panel>
        <Table
          caption="Partners by name"
          rows={partners}
          rowKey={(p) => p.id}
          empty={{
            title: "No partners yet",
            text: "Add the first partner to start routing leads.",
            action: <ButtonLink to="/manager/partners/new">New partner</ButtonLink>,
          }}
          columns={[
            { header: "Partner", cell: (p) => <Link to={`/manager/partners/${p.id}`}>{p.name}</Link> },
            {
              header: "Standing",
              cell: (p) => (
                <span className="tag-list">
                  <StandingBadge standing={p.standing as StandingLevel} />
                  {!p.active ? <Badge tone="neutral">Inactive</Badge> : null}
                </span>
              ),
            },
            {
              header: "Score",
              kind: "nowrap",
              cell: (p) => (
                <>
                  {p.score}
                  {p.provisional ? (
                    <>
                      {" "}
                      <Badge tone="neutral">Provisional</Badge>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: "Open / capacity", kind: "number", cell: (p) => `${p.openLoad} / ${p.capacity}` },
            { header: "Last activity", kind: "nowrap", cell: (p) => <DateTime at={p.lastActivityAt} /> },
          ]}
        />
        {paged || next ? (
          <nav className="form-actions" aria-label="Pages">
            {paged ? <ButtonLink to="/manager/partners">First page</ButtonLink> : null}
            {next ? <ButtonLink to={next}>Next page</ButtonLink> : null}
          </nav>
        ) : null}
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;

import { Form } from "@remix-run/react";
import type { Role } from "@db/schema";
import { ROLE_LABELS } from "~/auth/roles";
import { Badge } from "./badge";
import { Button } from "./button";
import { Table } from "./table";

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role?: Role;
  disabled: boolean;
}

/**
 * People and their access, each active one with a Disable button (posting `disableIntent` and
 * `userId`). With `me`, the viewer is marked and cannot disable themselves; with `showRole`,
 * each person's role is a column.
 */
export function PeopleTable({
  caption,
  people,
  disableIntent,
  busy,
  me,
  showRole = false,
  empty,
}: {
  caption: string;
  people: PersonRow[];
  disableIntent: string;
  busy: boolean;
  me?: string;
  showRole?: boolean;
  empty?: { title: string; text?: string };
}) {
  return (
    <Table
      caption={caption}
      rows={people}
      rowKey={(u) => u.id}
      empty={empty}
      columns={[
        {
          header: "Name",
          cell: (u) => (
            <>
              {u.name}
              {u.id === me ? (
                <>
                  {" "}
                  <Badge tone="info">You</Badge>
                </>
              ) : null}
            </>
          ),
        },
        { header: "Email", cell: (u) => u.email },
        ...(showRole ? [{ header: "Role", cell: (u: PersonRow) => (u.role ? ROLE_LABELS[u.role] : "—") }] : []),
        {
          header: "Access",
          cell: (u) =>
            u.disabled ? (
              <Badge tone="neutral">Disabled</Badge>
            ) : u.id === me ? (
              <span className="muted">Active</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value={disableIntent} />
                <input type="hidden" name="userId" value={u.id} />
                <Button type="submit" variant="danger" size="small" disabled={busy} aria-label={`Disable ${u.name}`}>
                  Disable
                </Button>
              </Form>
            ),
        },
      ]}
    />
  );
}

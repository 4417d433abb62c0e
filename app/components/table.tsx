import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Numbers align right with tabular figures; nowrap keeps short values on one line. */
  kind?: "text" | "number" | "nowrap";
}

/**
 * A data table that scrolls sideways on small screens (the scroll area is focusable so
 * keyboard users can scroll it too). With no rows it shows the empty state instead.
 */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: { title: string; text?: ReactNode; action?: ReactNode };
}) {
  if (rows.length === 0 && empty) {
    return (
      <EmptyState title={empty.title} action={empty.action}>
        {empty.text}
      </EmptyState>
    );
  }
  const cellClass = (kind: Column<T>["kind"]) =>
    kind === "number" ? "cell-number" : kind === "nowrap" ? "cell-nowrap" : undefined;
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={cellClass(c.kind)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={cellClass(c.kind)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

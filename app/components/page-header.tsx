import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  eyebrow,
  description,
  actions,
}: {
  title: ReactNode;
  eyebrow?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div className="page-header-text">
        {eyebrow ? <p className="page-header-eyebrow">{eyebrow}</p> : null}
        <h1>{title}</h1>
        {description ? <p className="page-header-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header-actions">{actions}</div> : null}
    </header>
  );
}

export function Panel({ title, children, narrow }: { title?: ReactNode; children: ReactNode; narrow?: boolean }) {
  return (
    <section className={narrow ? "panel panel-narrow" : "panel"}>
      {title ? <h2 className="panel-title">{title}</h2> : null}
      {children}
    </section>
  );
}

/** A headline number; with `to`, the whole card links to the list behind the number. */
export function Stat({ label, value, note, to }: { label: string; value: ReactNode; note?: ReactNode; to?: string }) {
  const body = (
    <>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {note ? <span className="stat-note">{note}</span> : null}
    </>
  );
  return to ? (
    <Link className="stat stat-link" to={to}>
      {body}
    </Link>
  ) : (
    <div className="stat">{body}</div>
  );
}

/** A row of headline numbers (two per row on phones). */
export function StatGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section className="stats" aria-label={label}>
      {children}
    </section>
  );
}

/** Label/value pairs (a record's properties); stacked on phones. */
export function DetailList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="details">
      {items.map((item) => (
        <div key={item.label} className="details-row">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Columns that fall to one below ~22rem each. */
export function TwoColumns({ children }: { children: ReactNode }) {
  return <div className="grid-2">{children}</div>;
}

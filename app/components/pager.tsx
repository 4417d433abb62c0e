import { Link } from "@remix-run/react";

/**
 * Previous / next links of a keyset-paged list (no page numbers: a position is a cursor).
 * `previous` and `next` are the links' URLs, or null at either end.
 */
export function Pager({ label, previous, next }: { label: string; previous: string | null; next: string | null }) {
  if (!previous && !next) return null;
  return (
    <nav className="pager" aria-label={label}>
      {previous ? (
        <Link className="button button-secondary button-small" to={previous} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link className="button button-secondary button-small" to={next} rel="next">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}

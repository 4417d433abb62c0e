import { Badge } from "./badge";
import { DateTime } from "./date-time";

export interface VersionEntry {
  version: number;
  inForce: boolean;
  at: Date | string;
  by: string | null;
  note: string;
  /** What this version changed from the one before; null for the first version. */
  changes: string[] | null;
}

/** Versions of a rule set, newest first: when, by whom, why, and what changed. */
export function VersionHistory({ label, versions }: { label: string; versions: VersionEntry[] }) {
  return (
    <ol className="version-history" aria-label={label}>
      {versions.map((v) => (
        <li key={v.version} className="version-history-item">
          <h3>
            Version {v.version} {v.inForce ? <Badge tone="success">In force</Badge> : null}
          </h3>
          <p className="muted">
            <DateTime at={v.at} />, by {v.by ?? "the installation (defaults)"}
          </p>
          {v.note ? <p>Why: {v.note}</p> : null}
          {v.changes === null ? (
            <p>The first version.</p>
          ) : v.changes.length === 0 ? (
            <p>No rule changed.</p>
          ) : (
            <ul>
              {v.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Each version paired with the one before it (versions newest first), its changes worked out by `diff`. */
export function withChanges<T extends Omit<VersionEntry, "changes">>(
  versions: T[],
  diff: (previous: T, current: T) => string[],
): (T & { changes: string[] | null })[] {
  return versions.map((v, i) => ({ ...v, changes: i + 1 < versions.length ? diff(versions[i + 1], v) : null }));
}

/**
 * A reason's code is what records keep (an offer's decline reason, an outcome's reason); its
 * label is what people read. A code is made once from the first label and never changes, so a
 * renamed reason keeps meaning the same thing on every record that used it.
 */
export function reasonCodeFor(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/, "");
}

/** A reason of each list, as a form names it ("New decline reason"). */
export const REASON_NOUNS = {
  decline: "decline reason",
  lost: "lost reason",
  disqualified: "disqualification reason",
} as const;

export const REASON_LIST_NAMES = {
  decline: "Decline reasons",
  lost: "Lost reasons",
  disqualified: "Disqualification reasons",
} as const;

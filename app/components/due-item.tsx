import { Badge, ObligationBadge } from "./badge";
import { Countdown } from "./countdown";

export interface DueView {
  kind: "first_touch" | "update" | "outcome" | "accept";
  sequence: number;
  state: "open" | "met" | "met_late" | "missed" | "excused" | "cancelled";
  dueAt: Date | string;
}

export const DUE_LABELS = {
  accept: "Accept",
  first_touch: "First touch",
  update: "Status update",
  outcome: "Outcome",
} as const;

/** One follow-up deadline: its countdown while it can still be met, else its state. */
export function DueItem({
  item,
  now,
  timeZone,
  empty,
}: {
  item: DueView | undefined;
  now: Date | string;
  timeZone: string;
  empty: string;
}) {
  if (!item) return <Badge tone="neutral">{empty}</Badge>;
  if (item.state === "open" || item.state === "missed")
    return <Countdown due={item.dueAt} now={now} timeZone={timeZone} />;
  return <ObligationBadge state={item.state} />;
}

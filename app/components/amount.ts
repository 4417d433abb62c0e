/** A deal amount in integer cents as the pages show it: 12,500.50. */
export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

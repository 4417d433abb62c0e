import type { CsvImportState } from "@db/schema";

/** The life of an import (the `csv_imports.state` column, declared in db/schema.ts). */
export type { CsvImportState };

/** How an import's state reads to a manager, and the tone of its badge. */
export const CSV_IMPORT_STATES: Record<
  CsvImportState,
  { label: string; tone: "info" | "warning" | "success" | "danger" }
> = {
  mapping: { label: "Waiting for mapping", tone: "info" },
  staging: { label: "Reading the file", tone: "warning" },
  loading: { label: "Loading leads", tone: "warning" },
  done: { label: "Done", tone: "success" },
  failed: { label: "Stopped", tone: "danger" },
};

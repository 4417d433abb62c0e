import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-foundation";
import * as m0002 from "./0002-sla-engine";
import * as m0003 from "./0003-intake";
import * as m0004 from "./0004-score-rules";
import * as m0005 from "./0005-sign-in-throttle";
import * as m0006 from "./0006-abuse-limits";
import * as m0007 from "./0007-lead-list";
import * as m0008 from "./0008-score-fresh-start";
import * as m0009 from "./0009-invitations";
import * as m0010 from "./0010-outcome-corrections";
import * as m0011 from "./0011-excuse-queue";
import * as m0012 from "./0012-rule-versions";
import * as m0013 from "./0013-action-links";
import * as m0014 from "./0014-partner-pause-note";

// Static list so the Remix build bundles every migration (no file-system discovery at run time).
const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-sla-engine": m0002,
  "0003-intake": m0003,
  "0004-score-rules": m0004,
  "0005-sign-in-throttle": m0005,
  "0006-abuse-limits": m0006,
  "0007-lead-list": m0007,
  "0008-score-fresh-start": m0008,
  "0009-invitations": m0009,
  "0010-outcome-corrections": m0010,
  "0011-excuse-queue": m0011,
  "0012-rule-versions": m0012,
  "0013-action-links": m0013,
  "0014-partner-pause-note": m0014,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

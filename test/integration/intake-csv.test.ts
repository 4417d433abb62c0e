import type { ColumnMapping } from "~/domain/intake-csv-mapping";
import { existsSync } from "node:fs";
import { readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { removeLeftUploads } from "~/jobs/upload-cleanup.server";
import { getImport } from "~/models/csv-import.server";
import { csvFileReceiver, SecondFile, uploadDir } from "~/services/intake-csv-file.server";
import type { Actor } from "~/services/actor";
import {
  changeCsvSettings,
  importRunFinished,
  importView,
  rejectsCsvStream,
  resumeStalledImports,
  runImport,
  startImport,
} from "~/services/intake-csv-import.server";
import { fixture, generatedCsv, upload } from "../fixtures/intake/upload";
import { createManager } from "../support/factories";
import { useTestDatabase } from "../support/test-database";
import { expectFailure, expectOk } from "../support/outcome";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

let manager: Actor;
beforeAll(async () => {
  manager = (await createManager(t.db)).actor;
});

const T0 = new Date("2026-04-06T08:00:00Z");
// Each test's files must differ from every other test's: the same bytes are one import, for good.
const unique = () => Math.random().toString(36).slice(2, 8);

async function uploaded(bytes: Buffer, fileName: string, sourceName?: string) {
  const r = await upload(t.db, manager, bytes, fileName, sourceName);
  expectOk(r);
  return r;
}

async function importAll(bytes: Buffer, fileName: string, sourceName?: string) {
  const r = await uploaded(bytes, fileName, sourceName);
  const imp = (await getImport(t.db, r.importId))!;
  const started = await startImport(t.db, imp.id, imp.mapping as ColumnMapping, manager);
  expect(started).toMatchObject({ ok: true });
  await importRunFinished(imp.id);
  return (await importView(t.db, imp.id))!;
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const leadsOfImport = (importId: string) =>
  t.db
    .selectFrom("intake_staging as s")
    .innerJoin("leads as l", "l.id", "s.lead_id")
    .select([
      "s.line",
      "l.id",
      "l.contact_name",
      "l.company_name",
      "l.kind",
      "l.state",
      "l.duplicate_of",
      "l.intake_by",
      "l.source_id",
    ])
    .where("s.batch_id", "=", importId)
    .orderBy("s.line")
    .execute();

describe("CSV upload into a campaign", () => {
  it("refuses an unknown or archived campaign and keeps nothing", async () => {
    const before = await t.db.selectFrom("csv_imports").select("id").execute();
    const unknown = await upload(
      t.db,
      manager,
      generatedCsv(3, { prefix: `c${unique()}` }),
      "c.csv",
      "List",
      "00000000-0000-4000-8000-000000000000",
    );
    expect(expectFailure(unknown, "invalid").fieldErrors).toEqual({
      campaign_id: ["The campaign is not a known campaign."],
    });
    const archived = await t.db
      .insertInto("campaigns")
      .values({ name: `Old ${unique()}`, channel: "Webinar", archived_at: T0 })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    const refused = await upload(
      t.db,
      manager,
      generatedCsv(3, { prefix: `d${unique()}` }),
      "d.csv",
      "List",
      archived.id,
    );
    expect(expectFailure(refused, "invalid").fieldErrors).toEqual({
      campaign_id: [`The campaign is the archived campaign “${archived.name}”.`],
    });
    expect(await t.db.selectFrom("csv_imports").select("id").execute()).toEqual(before);
  });
});

describe("CSV import of a file with good and bad rows", () => {
  let importId: string;

  it("detects the encoding, BOM and delimiter, and suggests a mapping from the headers", async () => {
    const r = await uploaded(fixture("mixed-good-and-bad.csv"), "mixed-good-and-bad.csv");
    expect(r.status).toBe("created");
    importId = r.importId;
    const imp = (await getImport(t.db, importId))!;
    expect(imp).toMatchObject({
      state: "mapping",
      encoding: "utf-8",
      has_bom: true,
      delimiter: ",",
      estimated_rows: 11,
    });
    expect(imp.headers).toEqual([
      "CRM Id",
      "Full Name",
      "E-mail Address",
      "Phone",
      "Job Title",
      "Company",
      "Employees",
      "Country",
      "Industry",
      "Interest",
      "Timeline",
    ]);
    expect(imp.mapping).toEqual([
      "external_id",
      "contact_name",
      "contact_email",
      "contact_phone",
      "contact_title",
      "company_name",
      "company_size",
      "territory",
      "vertical",
      "interest",
      "timeline",
    ]);
  });

  it("refuses a mapping without the required fields", async () => {
    const r = await startImport(
      t.db,
      importId,
      ["external_id", null, null, null, null, null, null, null, null, null, null],
      manager,
    );
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    expect((await getImport(t.db, importId))!.state).toBe("mapping");
  });

  it("imports the good rows, lists the bad ones with line, field and reason", async () => {
    pinClock(T0);
    const imp = (await getImport(t.db, importId))!;
    expect(await startImport(t.db, importId, imp.mapping as ColumnMapping, manager)).toEqual({ ok: true });
    await importRunFinished(importId);
    const view = (await importView(t.db, importId))!;
    expect(view.import.state).toBe("done");
    expect(view.result).toEqual({
      rows: 9,
      valid: 5,
      rejected: 4,
      created: 5,
      updated: 0,
      promoted: 0,
      duplicates: 1,
      routed: 4,
      repeated: 0,
    });

    const leads = await leadsOfImport(importId);
    expect(leads.map((l) => [l.line, l.contact_name, l.kind, l.state])).toEqual([
      [2, "Ada Lovelace", "lead", "routing"],
      [3, "Grace Hopper", "lead", "routing"],
      [5, "Jean Student", "inquiry", "nurture"],
      [7, "Alan Turing", "lead", "routing"],
      [11, "Ada Again", "lead", "routing"],
    ]);
    expect(leads[3].company_name).toBe("Bletchley Park");
    expect(leads[4].duplicate_of).toBe(leads[0].id);
    expect(new Set(leads.map((l) => l.intake_by))).toEqual(new Set(["csv-import:mixed-good-and-bad.csv"]));
    const source = await t.db
      .selectFrom("sources")
      .selectAll()
      .where("id", "=", leads[0].source_id)
      .executeTakeFirstOrThrow();
    expect(source).toMatchObject({ kind: "csv_import", name: "Trade show list" });
    const jobs = await t.db
      .selectFrom("routing_jobs")
      .select("lead_id")
      .where(
        "lead_id",
        "in",
        leads.map((l) => l.id),
      )
      .execute();
    expect(jobs).toHaveLength(4);
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", importId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["csv_import.start", "csv_import.complete"]);
    expect(existsSync(view.import.file_path)).toBe(false);
  });

  it("offers the rejects as a CSV, with the original values", async () => {
    const imp = (await getImport(t.db, importId))!;
    const text = await readStream(rejectsCsvStream(t.db, imp));
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    // Every cell quoted (app/domain/csv-writer.ts).
    const quoted = (line: string) =>
      line
        .split("|")
        .map((cell) => `"${cell}"`)
        .join(",");
    expect(lines[0]).toBe(
      quoted(
        "line|field|reason|CRM Id|Full Name|E-mail Address|Phone|Job Title|Company|Employees|Country|Industry|Interest|Timeline",
      ),
    );
    expect(lines.slice(1)).toEqual([
      quoted(
        "4|Country|Country: must be an ISO 3166 country or subdivision code such as US, US-CA or DE|M-3|Bad Territory|bad@territory.example||Analyst|Nowhere Inc|10|Narnia|software||",
      ),
      quoted(
        "6|Full Name|Full Name: is required|M-5||missing-name@example.example||Manager|No Name Ltd|80|DE|manufacturing||",
      ),
      quoted(
        "9|(line)|has 12 values where the header has 11: check the delimiter and the quotes|M-7|Too Many|too@many.example||CTO|Extra Columns|100|US|software|x|0-3 months|surprise",
      ),
      quoted(
        "10|E-mail Address|E-mail Address: must be an email address such as name@example.com|M-8|Emailless Emma|not-an-email||VP Sales|Mail Co|300|US|retail||",
      ),
    ]);
  });

  it("reports “already imported” for the same file again, and creates nothing", async () => {
    const before = await t.db.selectFrom("leads").select("id").execute();
    const again = await upload(t.db, manager, fixture("mixed-good-and-bad.csv"), "renamed-copy.csv");
    expect(again).toEqual({ ok: true, importId, status: "already_imported" });
    expect(await t.db.selectFrom("leads").select("id").execute()).toHaveLength(before.length);
  });

  it("remembers the mapping for the source", async () => {
    const csv = Buffer.from(`Org,Person,Where,Ref\nAcme ${unique()},Pat,US,r-1\n`);
    const first = await uploaded(csv, "custom.csv", "Partner feed");
    expect((await getImport(t.db, first.importId))!.mapping).toEqual([null, "contact_name", null, "external_id"]);
    await startImport(t.db, first.importId, ["company_name", "contact_name", "territory", "external_id"], manager);
    await importRunFinished(first.importId);
    const next = await uploaded(
      Buffer.from(`Person,Org,Where\nLee,Beta ${unique()},DE\n`),
      "custom-2.csv",
      "partner FEED",
    );
    expect((await getImport(t.db, next.importId))!.mapping).toEqual(["contact_name", "company_name", "territory"]);
  });
});

describe("CSV files in other shapes", () => {
  it("reads Windows-1252 with semicolons", async () => {
    const csv = Buffer.from(`Name;Company;Country\nJosé Müller;Café ${unique()};DE\n`, "latin1");
    const view = await importAll(csv, "excel.csv");
    expect(view.import).toMatchObject({ encoding: "windows-1252", delimiter: ";", has_bom: false });
    const [lead] = await leadsOfImport(view.import.id);
    expect(lead.contact_name).toBe("José Müller");
  });

  it("reads UTF-16 with a byte-order mark, tabs and CRLF line ends", async () => {
    const text = `\uFEFFName\tCompany\tCountry\r\nZoë\tTab ${unique()}\tFR\r\nÅsa\tTab Two\tSE\r\n`;
    const view = await importAll(Buffer.from(text, "utf16le"), "utf16.txt");
    expect(view.import).toMatchObject({ encoding: "utf-16le", delimiter: "\t", has_bom: true });
    expect((await leadsOfImport(view.import.id)).map((l) => l.contact_name)).toEqual(["Zoë", "Åsa"]);
  });

  it("lets the manager correct the delimiter, and reads the headers again", async () => {
    const r = await uploaded(Buffer.from(`a|b;c|d\n1|2;3|4\n`), `pipes-${unique()}.csv`);
    expect((await getImport(t.db, r.importId))!.delimiter).toBe("|");
    expect(await changeCsvSettings(t.db, r.importId, { encoding: "utf-8", delimiter: ";" })).toEqual({ ok: true });
    expect((await getImport(t.db, r.importId))!.headers).toEqual(["a|b", "c|d"]);
  });

  it("rejects the rest of a file after a quote that never closes, keeping the lines before", async () => {
    const csv = Buffer.from(
      `Name,Company,Country\nGood One,Quote ${unique()},US\nBroken,"never closed,US\nLost,Co,US\n`,
    );
    const view = await importAll(csv, "broken-quote.csv");
    expect(view.result).toMatchObject({ valid: 1, rejected: 1, created: 1 });
    const imp = (await getImport(t.db, view.import.id))!;
    const text = await readStream(rejectsCsvStream(t.db, imp));
    expect(text).toContain(
      '"3","(line)","a quoted value is never closed, so this line and the rest of the file could not be read"',
    );
  });

  it("refuses files it cannot use, and keeps nothing", async () => {
    const before = await t.db.selectFrom("csv_imports").select("id").execute();
    expect(await upload(t.db, manager, Buffer.alloc(0), "empty.csv")).toEqual({
      ok: false,
      code: "invalid",
      message: "The file is empty.",
      fieldErrors: { file: ["The file is empty."] },
    });
    expect(await upload(t.db, manager, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1]), "book.xlsx")).toMatchObject({
      ok: false,
    });
    expect(await upload(t.db, manager, Buffer.from("just one column\nvalue\n"), "one.csv")).toMatchObject({
      ok: false,
      fieldErrors: { file: ["The first line has fewer than two columns: is this a CSV file with a header line?"] },
    });
    expect(await t.db.selectFrom("csv_imports").select("id").execute()).toHaveLength(before.length);
  });

  it("updates leads by external id when the same source sends them again, and rejects repeats within a file", async () => {
    const tag = unique();
    const first = await importAll(
      Buffer.from(`id,name,company,country\n${tag}-1,Kim,Kim Co ${tag},US\n`),
      "v1.csv",
      "CRM export",
    );
    const second = await importAll(
      Buffer.from(
        `id,name,company,country\n${tag}-1,Kim Lee,Kim Co ${tag},US\n${tag}-2,Max,Max Co,US\n${tag}-2,Max again,Max Co,US\n`,
      ),
      "v2.csv",
      "CRM export",
    );
    expect(second.result).toMatchObject({ valid: 2, rejected: 1, created: 1, updated: 1, repeated: 1 });
    const [kim] = await leadsOfImport(first.import.id);
    const after = await t.db.selectFrom("leads").selectAll().where("id", "=", kim.id).executeTakeFirstOrThrow();
    expect(after.contact_name).toBe("Kim Lee");
    const rejects = await readStream(rejectsCsvStream(t.db, (await getImport(t.db, second.import.id))!));
    expect(rejects).toContain('"4","id","id: repeats the external id of line 3, which was used",');
  });
});

describe("CSV import interrupted", () => {
  it("resumes after a kill in the middle of staging, and never creates a lead twice", async () => {
    pinClock(T0);
    const csv = generatedCsv(3500, { prefix: `K${unique()}` });
    const r = await uploaded(csv, "big.csv");
    const imp = (await getImport(t.db, r.importId))!;
    // Start it the way the page does, but run it ourselves and stop it after the first batch.
    await t.db.updateTable("csv_imports").set({ state: "staging", started_at: T0 }).where("id", "=", imp.id).execute();
    const kill = new AbortController();
    kill.abort();
    expect(await runImport(t.db, imp.id, { signal: kill.signal })).toBe("ran");
    const stalled = (await importView(t.db, imp.id))!;
    expect(stalled.counts.staged).toBe(1000);
    expect(stalled.import.state).toBe("staging");
    // The dead runner's lease still holds for a minute: nobody else may take over yet.
    expect(stalled.stalled).toBe(false);
    expect(await runImport(t.db, imp.id)).toBe("busy");

    pinClock(new Date(T0.getTime() + 2 * 60_000));
    expect((await importView(t.db, imp.id))!.stalled).toBe(true);
    // Uploading the same file again resumes it after the last staged line.
    const again = await upload(t.db, manager, csv, "big (1).csv");
    expect(again).toEqual({ ok: true, importId: imp.id, status: "resumed" });
    await importRunFinished(imp.id);
    const done = (await importView(t.db, imp.id))!;
    expect(done.result).toMatchObject({ rows: 3500, valid: 3500, created: 3500 });
    const leads = await leadsOfImport(imp.id);
    expect(leads).toHaveLength(3500);
    expect(new Set(leads.map((l) => l.line)).size).toBe(3500);
  });

  it("a periodic job resumes an import whose runner died, once its lease lapsed", async () => {
    pinClock(T0);
    const r = await uploaded(generatedCsv(1500, { prefix: `J${unique()}` }), "job.csv");
    await t.db.updateTable("csv_imports").set({ state: "staging" }).where("id", "=", r.importId).execute();
    const kill = new AbortController();
    kill.abort();
    await runImport(t.db, r.importId, { signal: kill.signal });
    expect(await resumeStalledImports(t.db)).toEqual([]);
    pinClock(new Date(T0.getTime() + 61_000));
    expect(await resumeStalledImports(t.db)).toEqual([r.importId]);
    await importRunFinished(r.importId);
    expect((await importView(t.db, r.importId))!.result).toMatchObject({ rows: 1500, created: 1500 });
  });

  it("a failure while loading leaves no lead behind, and the import can be resumed", async () => {
    const tag = unique();
    const r = await uploaded(generatedCsv(30, { prefix: `F${tag}` }), "fails.csv");
    const imp = (await getImport(t.db, r.importId))!;
    await t.db.updateTable("csv_imports").set({ state: "staging" }).where("id", "=", imp.id).execute();
    // Plant a staged row whose vertical does not exist (line 0: before the file's lines, which
    // are still staged): the insert into leads fails.
    await t.db
      .insertInto("intake_staging")
      .values({
        batch_id: imp.id,
        line: 0,
        status: "valid",
        contact_name: "Bad",
        company_name: "Bad",
        territory: "US",
        vertical: "no-such-vertical",
        score: 0,
        kind: "inquiry",
      })
      .execute();
    await runImport(t.db, imp.id);
    const failed = (await importView(t.db, imp.id))!;
    expect(failed.import.state).toBe("failed");
    expect(failed.import.error).toMatch(/^The import stopped: /);
    expect(await leadsOfImport(imp.id)).toHaveLength(0);

    await t.db.deleteFrom("intake_staging").where("batch_id", "=", imp.id).where("line", "=", 0).execute();
    const again = await upload(t.db, manager, generatedCsv(30, { prefix: `F${tag}` }), "fails.csv");
    expect(again).toMatchObject({ ok: true, status: "resumed" });
    await importRunFinished(imp.id);
    expect((await importView(t.db, imp.id))!.result).toMatchObject({ created: 30 });
  });
});

describe("CSV import whose file the server lost", () => {
  it("says so on the mapping step, and takes the file back on the next upload", async () => {
    const { rm } = await import("node:fs/promises");
    const csv = Buffer.from(`Name,Company,Country\nLost ${unique()},Lost Co,US\n`);
    const r = await uploaded(csv, "lost.csv");
    const imp = (await getImport(t.db, r.importId))!;
    await rm(imp.file_path);
    expect(await changeCsvSettings(t.db, imp.id, { encoding: "utf-8", delimiter: "," })).toMatchObject({
      ok: false,
      message: expect.stringContaining("no longer on the server"),
    });
    expect(await upload(t.db, manager, csv, "lost.csv")).toMatchObject({
      ok: true,
      importId: imp.id,
      status: "awaiting_mapping",
    });
    expect(existsSync(imp.file_path)).toBe(true);
  });
});

describe("CSV upload parts", () => {
  it("refuses a second file part before writing it, and keeps uploads in a folder only the server can read", async () => {
    const receiver = csvFileReceiver();
    const part = (name: string) => ({
      name: "file",
      filename: name,
      contentType: "text/csv",
      data: Readable.from([Buffer.from("a,b\n1,2\n")]),
    });
    await receiver.handler(part("one.csv"));
    await expect(receiver.handler(part("two.csv"))).rejects.toBeInstanceOf(SecondFile);
    // Under the data directory (UPLOAD_DIR's default), not the shared temp directory.
    expect(uploadDir()).toBe(resolve(".data/pglite-uploads"));
    const files = (await readdir(uploadDir())).filter((f) => f.startsWith("incoming-"));
    expect(files).toContain(basename(receiver.received()!.path));
    expect(receiver.received()!.fileName).toBe("one.csv");
    expect((await stat(uploadDir())).mode & 0o777).toBe(0o700);
    await receiver.discard();
  });
});

describe("upload cleanup job", () => {
  it("deletes the files of finished, failed and abandoned imports and crashed uploads; keeps those still needed", async () => {
    const at = new Date(); // real time: the files' ages are real
    const hoursAgo = (h: number) => new Date(at.getTime() - h * 3600_000);
    const imp = async (name: string) =>
      (await getImport(t.db, (await uploaded(generatedCsv(2, { prefix: unique() }), name)).importId))!;
    const [fresh, abandoned, failed, running, stale, finished] = await Promise.all(
      ["fresh.csv", "abandoned.csv", "failed.csv", "running.csv", "stale.csv", "finished.csv"].map(imp),
    );
    const set = (id: string, patch: Record<string, unknown>) =>
      t.db.updateTable("csv_imports").set(patch).where("id", "=", id).execute();
    await set(abandoned.id, { created_at: hoursAgo(25) });
    await set(failed.id, { state: "failed", started_at: hoursAgo(2), error: "stopped" });
    await set(running.id, { state: "staging", started_at: hoursAgo(30), lease_until: new Date(at.getTime() + 60_000) });
    await set(stale.id, { state: "staging", started_at: hoursAgo(25), lease_until: hoursAgo(24) });
    await set(finished.id, { state: "done", finished_at: hoursAgo(2) });
    const crashed = join(uploadDir(), "incoming-crashed.part");
    const arriving = join(uploadDir(), "incoming-arriving.part");
    await writeFile(crashed, "a,b\n");
    await writeFile(arriving, "a,b\n");
    // Everything but the upload still arriving was written two hours ago.
    for (const f of [fresh, abandoned, failed, running, stale, finished])
      await utimes(f.file_path, hoursAgo(2), hoursAgo(2));
    await utimes(crashed, hoursAgo(2), hoursAgo(2));

    const removed = await removeLeftUploads(t.db, at);
    const gone = [abandoned, failed, stale, finished].map((f) => basename(f.file_path));
    expect(removed).toEqual(expect.arrayContaining([...gone, "incoming-crashed.part"]));
    for (const f of [abandoned, failed, stale, finished]) expect(existsSync(f.file_path), f.file_name).toBe(false);
    expect(existsSync(crashed)).toBe(false);
    for (const f of [fresh, running]) expect(existsSync(f.file_path), f.file_name).toBe(true);
    expect(existsSync(arriving)).toBe(true);
    // Another instance running the job next finds nothing more to delete.
    expect(await removeLeftUploads(t.db, at)).toEqual([]);
    await Promise.all([arriving, fresh.file_path, running.file_path].map((p) => rm(p, { force: true })));
    // Their leases are in real time, live for the other tests' pinned clocks: free the import slots.
    for (const f of [running, stale]) await set(f.id, { state: "failed", lease_until: null });
  });
});

describe("imports running at once (MAX_RUNNING_IMPORTS, default 2)", () => {
  it("a further import waits its turn, shown as queued, and starts when a slot frees; parallel claims never overfill", async () => {
    // A day after the other tests' runs, whose leases have all lapsed by then.
    const T1 = new Date(T0.getTime() + 86_400_000);
    pinClock(T1);
    const imp = async (name: string) =>
      (await getImport(t.db, (await uploaded(generatedCsv(3, { prefix: unique() }), name)).importId))!;
    const set = (id: string, patch: Record<string, unknown>) =>
      t.db.updateTable("csv_imports").set(patch).where("id", "=", id).execute();
    // Two imports running elsewhere (other instances): their leases are live.
    const [a, b, third, fourth] = await Promise.all(["a.csv", "b.csv", "third.csv", "fourth.csv"].map(imp));
    for (const other of [a, b])
      await set(other.id, { state: "staging", started_at: T1, lease_until: new Date(T1.getTime() + 60_000) });
    try {
      expect(await startImport(t.db, third.id, third.mapping as ColumnMapping, manager)).toEqual({ ok: true });
      const waiting = (await importView(t.db, third.id))!;
      expect(waiting).toMatchObject({ queued: true, stalled: false, counts: { staged: 0 } });
      expect(waiting.import.state).toBe("staging");
      expect(await runImport(t.db, third.id)).toBe("busy");

      // One slot frees; two imports are due; only one of them gets it.
      await set(a.id, { state: "done", lease_until: null });
      await set(fourth.id, {
        state: "staging",
        started_at: new Date(T1.getTime() + 1000),
        mapping: JSON.stringify(fourth.mapping),
      });
      expect((await Promise.all([runImport(t.db, third.id), runImport(t.db, fourth.id)])).sort()).toEqual([
        "busy",
        "ran",
      ]);
      expect((await getImport(t.db, third.id))!.state).toBe("done"); // the first to start goes first

      // The third finished and freed its slot: the interval job starts the one left waiting.
      expect((await importView(t.db, fourth.id))!.queued).toBe(false);
      expect(await resumeStalledImports(t.db)).toEqual([fourth.id]);
      await importRunFinished(fourth.id);
      expect((await importView(t.db, fourth.id))!.result).toMatchObject({ rows: 3, created: 3 });
    } finally {
      for (const other of [a, b]) await set(other.id, { state: "failed", lease_until: null });
    }
  });
});

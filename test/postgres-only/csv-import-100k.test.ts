/**
 * A CSV import at scale: 100,000 generated rows (about 50 MB) through the real upload handler,
 * staging and set-based load, on PostgreSQL. Checks the counts, that a re-upload changes
 * nothing, and that memory stays bounded: the file is streamed, never held.
 */
import type { ColumnMapping } from "~/domain/intake-csv-mapping";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getImport } from "~/models/csv-import.server";
import { csvFileReceiver } from "~/services/intake-csv-file.server";
import { importRunFinished, importView, startImport } from "~/services/intake-csv-import.server";
import { registerUpload } from "~/services/intake-csv-upload.server";
import { createManager } from "../support/factories";
import { useTestDatabase } from "../support/test-database";
import { expectOk } from "../support/outcome";

const t = useTestDatabase({ beforeAll, afterAll });
const ROWS = 100_000;
const BAD_EVERY = 997; // a bad territory
const DUPLICATE_EVERY = 1000; // the email of the row before
const PADDING = "lorem ipsum dolor sit amet ".repeat(16);

// Live memory, not garbage waiting for a collection: collect, then read the heap.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "csv-100k-"));
  file = join(dir, "leads-100k.csv");
  const out = createWriteStream(file);
  const tag = Date.now().toString(36);
  out.write(
    "external_id,contact_name,contact_email,contact_title,company_name,company_size,territory,vertical,interest\n",
  );
  for (let i = 1; i <= ROWS; i++) {
    const email = i % DUPLICATE_EVERY === 0 ? `p${i - 1}-${tag}@bulk.example` : `p${i}-${tag}@bulk.example`;
    const territory = i % BAD_EVERY === 0 ? "Nowhere" : i % 2 ? "US-CA" : "DE";
    const line = `ext-${i},Person ${i},${email},Director,"Company ${i}, Inc.",${50 + (i % 900)},${territory},software,"${PADDING}${i}"\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function uploadFile() {
  const { actor } = await createManager(t.db);
  const receiver = csvFileReceiver();
  await receiver.handler({
    name: "file",
    filename: "leads-100k.csv",
    contentType: "text/csv",
    data: createReadStream(file),
  });
  return registerUpload(t.db, { file: receiver.received()!, sourceName: "Bulk list", campaignId: null, actor });
}

it("imports 100k rows with bounded memory, and a re-upload changes nothing", async () => {
  const baseline = liveHeap();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, liveHeap())), 250);
  const started = Date.now();
  try {
    const uploaded = await uploadFile();
    expectOk(uploaded);
    const imp = (await getImport(t.db, uploaded.importId))!;
    expect(imp.byte_size).toBeGreaterThan(45_000_000);
    expect(
      await startImport(t.db, imp.id, imp.mapping as ColumnMapping, {
        userId: imp.created_by,
        label: imp.created_by_label,
        role: "channel_manager",
        partnerId: null,
      }),
    ).toEqual({ ok: true });
    await importRunFinished(imp.id);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (Date.now() - started) / 1000;
  const growthMb = (peak - baseline) / 1024 / 1024;
  console.log(`100k import: ${seconds.toFixed(1)} s, peak live heap growth ${growthMb.toFixed(1)} MB`);

  const [row] = await t.db.selectFrom("csv_imports").select("id").execute();
  const view = (await importView(t.db, row.id))!;
  const bad = Math.floor(ROWS / BAD_EVERY);
  // A duplicate is flagged only when the row it copies was itself imported.
  const duplicates = Array.from({ length: ROWS / DUPLICATE_EVERY }, (_, k) => (k + 1) * DUPLICATE_EVERY).filter(
    (i) => i % BAD_EVERY !== 0 && (i - 1) % BAD_EVERY !== 0,
  ).length;
  expect(view.import.state).toBe("done");
  expect(view.result).toEqual({
    rows: ROWS,
    valid: ROWS - bad,
    rejected: bad,
    created: ROWS - bad,
    updated: 0,
    promoted: 0,
    duplicates,
    routed: ROWS - bad,
    repeated: 0,
  });
  const count = async (table: "leads" | "routing_jobs") =>
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  expect(await count("leads")).toBe(ROWS - bad);
  expect(await count("routing_jobs")).toBe(ROWS - bad);
  // The file is ~50 MB (100 MB as a JavaScript string): holding it, or its rows, would show here.
  expect(growthMb).toBeLessThan(40);

  const again = await uploadFile();
  expect(again).toMatchObject({ ok: true, importId: row.id, status: "already_imported" });
  expect(await count("leads")).toBe(ROWS - bad);
}, 300_000);

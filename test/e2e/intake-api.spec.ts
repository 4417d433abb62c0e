import { expect, test } from "./fixtures";

test("a key created in the app is shown once, works with the JSON API through the real server, and stops working when revoked", async ({
  managerPage: page,
  request,
}) => {
  await page.goto("/manager");
  await expect(page).toHaveURL(/\/manager$/);
  await page.goto("/manager/intake/api-keys");
  const name = `Website ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^plk_/);
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);

  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  const lead = {
    external_id: "web-1",
    contact_name: "Ada Lovelace",
    company_name: "Analytical Engines",
    territory: "GB",
    contact_title: "CTO",
    vertical: "software",
    company_size: 250,
  };
  const created = await request.post("/api/v1/leads", { headers, data: lead });
  expect(created.status()).toBe(201);
  const { lead: body } = await created.json();
  expect(body).toMatchObject({ external_id: "web-1", status: "created", kind: "lead" });
  const again = await request.post("/api/v1/leads", { headers, data: lead });
  expect(again.status()).toBe(200);
  expect((await again.json()).lead.id).toBe(body.id);
  const status = await request.get(`/api/v1/leads/${body.id}`, { headers: { Authorization: `Bearer ${key}` } });
  expect(await status.json()).toMatchObject({ lead: { id: body.id, state: "routing" } });
  const bad = await request.post("/api/v1/leads", {
    headers,
    data: { leads: [lead, { ...lead, external_id: "web-2", territory: "Mars" }] },
  });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.details).toEqual([
    {
      index: 1,
      field: "territory",
      message: "must be an ISO 3166 country or subdivision code such as US, US-CA or DE",
    },
  ]);

  await page.goto("/manager/intake/api-keys");
  await expect(page.getByRole("row", { name: new RegExp(name) })).not.toContainText("never");
  await page.getByRole("button", { name: `Revoke the key “${name}”` }).click();
  await expect(page.getByRole("status")).toContainText("is revoked");
  expect((await request.post("/api/v1/leads", { headers, data: lead })).status()).toBe(401);
});

// Swagger UI and CORS in a real browser (Debian's Chromium, driven by playwright-core; no browser download).
// Run by e2e-tests/.../BrowserTest, which starts the suite and the page server and passes everything in env:
//   GATEWAY, TOKEN, CLINIC, PATIENT_NAME, ALLOWED_PAGE, BLOCKED_PAGE, SCREENSHOT
// Prints one JSON line per check; exits 1 with the reason when one fails.
import { chromium } from "playwright-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const gateway = env("GATEWAY");
const token = env("TOKEN");
const clinic = env("CLINIC");
const patientName = env("PATIENT_NAME");

// what works on a closed network (../shared/ENVIRONMENT.md): no background fetches, no sandbox as root
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],
});
const report = (check) => console.log(JSON.stringify(check));

try {
  // 1. Swagger UI as a person uses it: authorize with a token, run "list patients", see a 200 with data
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${gateway}/api/docs/`);
  await page.locator(".swagger-ui .btn.authorize").first().click();
  const modal = page.locator(".modal-ux");
  await modal.locator("#auth-bearer-value").fill(token);
  await modal.locator(".auth-btn-wrapper .btn.authorize").click();
  await modal.locator(".auth-btn-wrapper .btn-done").click();
  const operation = page.locator('[id$="-listPatients"]');
  await operation.locator(".opblock-summary").first().click();
  await operation.locator(".try-out__btn").click();
  await operation.locator('input[placeholder="clinic_id"]').fill(clinic);
  await operation.locator(".btn.execute").click();
  const status = operation.locator(".live-responses-table tbody .response-col_status").first();
  await status.waitFor({ timeout: 15000 });
  const code = (await status.textContent()).trim();
  const body = await operation.locator(".live-responses-table .microlight").first().textContent();
  await operation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: env("SCREENSHOT"), fullPage: false });
  report({ check: "swagger", status: code, sawPatient: body.includes(patientName) });

  // 2. A page of an allowed origin calls the API with fetch and reads the exposed headers
  // 3. The same page from an origin that is not allowed: the browser blocks it
  for (const [name, url] of [["allowed", env("ALLOWED_PAGE")], ["blocked", env("BLOCKED_PAGE")]]) {
    const app = await browser.newPage();
    const target = `${gateway}/api/v1/clinics/${clinic}/patients/`;
    await app.goto(`${url}#url=${encodeURIComponent(target)}&token=${encodeURIComponent(token)}`);
    await app.waitForFunction(() => document.body.dataset.result !== undefined, null, { timeout: 15000 });
    report({ check: name, origin: new URL(url).origin, ...JSON.parse(await app.evaluate(() => document.body.dataset.result)) });
    await app.close();
  }

  // 4. The allowed page changes a waiting visit: a preflighted PATCH with If-Match, and the new ETag read back
  if (process.env.VISIT_URL) {
    const app = await browser.newPage();
    const visit = env("VISIT_URL");
    await app.goto(`${env("ALLOWED_PAGE")}#visit=${encodeURIComponent(visit)}&token=${encodeURIComponent(env("VISIT_TOKEN"))}`);
    await app.waitForFunction(() => document.body.dataset.result !== undefined, null, { timeout: 15000 });
    report({ check: "change", ...JSON.parse(await app.evaluate(() => document.body.dataset.result)) });
    await app.close();
  }
} catch (e) {
  console.log(JSON.stringify({ check: "failed", error: String(e && e.message ? e.message : e) }));
  await browser.close();
  process.exit(1);
}
await browser.close();

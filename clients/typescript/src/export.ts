// A clinic's admin takes the clinic's patients out (API.md §9): start an export, poll it until it is done, download
// its file and check it against the SHA-256 the export states.
//   node build/js/export.js <gateway URL> <admin username> <password>
import { createHash } from "node:crypto";
import { ApiError, clinicClient, type Schemas } from "./client.js";

export type Export = Schemas["ExportResponse"];

export async function exportPatients(gateway: string, username: string, password: string): Promise<Export> {
  const login = await clinicClient(gateway).POST("/api/v1/auth/token/", { body: { username, password } });
  if (login.data === undefined) {
    throw new ApiError(login.response.status, login.error, login.response.headers.get("X-Request-ID"));
  }
  const { access, clinic_id: clinicId } = login.data.data;
  if (access === null || clinicId === null) {
    throw new Error("a clinic's admin was expected, not a superuser");
  }
  const admin = clinicClient(gateway, access);

  const started = await admin.POST("/api/v1/clinics/{clinic_id}/exports/", {
    params: { path: { clinic_id: clinicId } },
    headers: { "Idempotency-Key": `export-${Date.now()}` },
    body: { resources: ["patients"] },
  });
  if (started.data === undefined) {
    // a 409 names the export already under way in its Location
    throw new ApiError(started.response.status, started.error, started.response.headers.get("X-Request-ID"));
  }
  let job: Export = started.data.data;
  console.log(`export ${job.id} ${job.status} at ${started.response.headers.get("Location")}`);

  // a job, not a request: poll it (the status is typed: queued | running | completed | failed | expired)
  while (job.status === "queued" || job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const polled = await admin.GET("/api/v1/clinics/{clinic_id}/exports/{id}/", {
      params: { path: { clinic_id: clinicId, id: job.id } },
    });
    if (polled.data === undefined) {
      throw new ApiError(polled.response.status, polled.error, polled.response.headers.get("X-Request-ID"));
    }
    job = polled.data.data;
  }
  if (job.status !== "completed") {
    throw new Error(`export ${job.id} ${job.status}: ${job.error ?? ""}`);
  }

  for (const file of job.files) {
    // the schema marks every field but ids and lists as possibly null; a file always names its resource
    const resource = file.resource;
    if (resource === null) {
      throw new Error("a file without its resource");
    }
    const download = await admin.GET("/api/v1/clinics/{clinic_id}/exports/{id}/files/{resource}.ndjson/", {
      params: { path: { clinic_id: clinicId, id: job.id, resource } },
      parseAs: "text",
    });
    if (download.data === undefined) {
      throw new ApiError(download.response.status, download.error, download.response.headers.get("X-Request-ID"));
    }
    const sha256 = createHash("sha256").update(download.data, "utf8").digest("hex");
    const lines = download.data.split("\n").filter((line) => line.length > 0);
    const first = lines[0] === undefined ? "none" : JSON.parse(lines[0]).id;
    console.log(
      `${resource}: ${lines.length} of ${file.count} lines, first id ${first}, sha256 ` +
        (sha256 === file.sha256 ? "ok" : `MISMATCH (${sha256} against ${file.sha256})`),
    );
  }
  return job;
}

const [gateway, username, password] = process.argv.slice(2);
if (gateway !== undefined && username !== undefined && password !== undefined) {
  exportPatients(gateway, username, password).catch((failure: unknown) => {
    console.error(failure instanceof ApiError ? `${failure.status}: ${failure.message}` : failure);
    process.exit(1);
  });
}

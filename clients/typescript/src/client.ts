// The typed client: openapi-fetch over the types openapi-typescript generates from /api/schema/
// (src/generated/api.ts, made by `npm run generate`; not committed: the schema is the source).
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

export type Schemas = components["schemas"];
export type Patient = Schemas["PatientResponse"];
export type PatientInput = Schemas["PatientRequest"];
export type Visit = Schemas["VisitResponse"];
export type ErrorEnvelope = Schemas["ErrorEnvelope"];

/** A client for one gateway; with a token, every request carries it. */
export function clinicClient(baseUrl: string, accessToken?: string) {
  const client = createClient<paths>({ baseUrl });
  if (accessToken !== undefined) {
    const bearer: Middleware = {
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${accessToken}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

/** Thrown for any error answer: the envelope's message and field errors, and the request id to report. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: Pick<ErrorEnvelope, "message" | "errors"> | undefined,
    readonly requestId: string | null,
  ) {
    super(envelope?.message ?? `HTTP ${status}`);
  }
}

// The reception desk's morning in a few typed calls: log in, register a walk-in patient, find them in the
// list, check them in.
//   node build/js/example.js <gateway URL> <username> <password> <doctor id>
import { ApiError, clinicClient, type Patient } from "./client.js";

export async function registerAndCheckIn(
  gateway: string,
  username: string,
  password: string,
  doctor: number,
): Promise<{ patient: Patient; tokenNumber: number }> {
  const login = await clinicClient(gateway).POST("/api/v1/auth/token/", {
    body: { username, password },
  });
  if (login.data === undefined) {
    throw new ApiError(login.response.status, login.error, login.response.headers.get("X-Request-ID"));
  }
  // the schema marks what may be null: a superuser's token has no clinic
  const { access, clinic_id: clinicId } = login.data.data;
  if (access === null || clinicId === null) {
    throw new Error("a clinic user was expected, not a superuser");
  }
  const desk = clinicClient(gateway, access);

  const name = `Walk-in ${Date.now()}`;
  const created = await desk.POST("/api/v1/clinics/{clinic_id}/patients/", {
    params: { path: { clinic_id: clinicId } },
    body: { patient_name: name, date_of_birth: "1991-04-12", gender: "F", phone_number: "+919800000001" },
  });
  if (created.data === undefined) {
    throw new ApiError(created.response.status, created.error, created.response.headers.get("X-Request-ID"));
  }
  console.log(`registered ${created.data.data.patient_id} at ${created.response.headers.get("Location")}`);

  const list = await desk.GET("/api/v1/clinics/{clinic_id}/patients/", {
    params: { path: { clinic_id: clinicId }, query: { search: name, ordering: "-registration_date", page_size: 20 } },
  });
  if (list.data === undefined) {
    throw new ApiError(list.response.status, list.error, list.response.headers.get("X-Request-ID"));
  }
  console.log(`${list.data.pagination.count} patients; rate limit left: ${list.response.headers.get("RateLimit-Remaining")}`);
  const patient = list.data.data[0];
  if (patient === undefined) {
    throw new Error("the new patient is not in the list");
  }

  const checkIn = await desk.POST("/api/v1/clinics/{clinic_id}/patients/{id}/check_in/", {
    params: { path: { clinic_id: clinicId, id: patient.id } },
    // priority is typed as "normal" | "urgent" | "emergency" (API.md §8): any other string does not compile
    body: { doctor, purpose: "Follow-up", priority: "urgent" },
  });
  if (checkIn.data === undefined) {
    throw new ApiError(checkIn.response.status, checkIn.error, checkIn.response.headers.get("X-Request-ID"));
  }
  const { token_number: tokenNumber, visit_id: visitId } = checkIn.data.data;
  if (tokenNumber === null || visitId === null) {
    throw new Error("a check-in always gives a token number and a visit");
  }

  // API.md §8: the desk raises the waiting visit (it keeps its token and check-in time), then calls the doctor's
  // next patient; call-next answers data null when nobody waits, which the types make the caller handle
  const raised = await desk.PATCH("/api/v1/clinics/{clinic_id}/visits/{id}/", {
    params: { path: { clinic_id: clinicId, id: visitId } },
    body: { priority: "emergency", reason: "Chest pain at the desk" },
  });
  if (raised.data === undefined) {
    throw new ApiError(raised.response.status, raised.error, raised.response.headers.get("X-Request-ID"));
  }
  console.log(`raised token ${tokenNumber} to ${raised.data.data.priority} (version ${raised.response.headers.get("ETag")})`);
  const called = await desk.POST("/api/v1/clinics/{clinic_id}/doctors/{id}/queue/call-next/", {
    params: { path: { clinic_id: clinicId, id: doctor } },
    headers: { "Idempotency-Key": `call-${Date.now()}` },
  });
  if (called.data === undefined) {
    throw new ApiError(called.response.status, called.error, called.response.headers.get("X-Request-ID"));
  }
  const next = called.data.data;
  console.log(next === null ? "nobody is waiting" : `called token ${next.token_number} (${next.priority})`);
  return { patient, tokenNumber };
}

const [gateway, username, password, doctor] = process.argv.slice(2);
if (gateway !== undefined && username !== undefined && password !== undefined && doctor !== undefined) {
  registerAndCheckIn(gateway, username, password, Number(doctor))
    .then(({ patient, tokenNumber }) => console.log(`checked in ${patient.patient_id}: token ${tokenNumber}`))
    .catch((e: unknown) => {
      console.error(e instanceof ApiError ? `${e.status} ${e.message} (request ${e.requestId})` : e);
      process.exit(1);
    });
}

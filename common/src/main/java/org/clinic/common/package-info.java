/**
 * The shared kernel every process runs on, in two parts a reader should keep apart.
 *
 * <p><b>The tenancy kernel</b> — what keeps one clinic's data from another's, and the reason this module exists:
 * {@code tenancy} (the clinic-access rule {@code ClinicAccess}, {@code TenantFilter}, {@code TenantContext}, verified
 * tokens' claims), {@code persistence} ({@code TenantScopedRepository}, {@code ClinicTransactions}: every transaction
 * told its clinic for row-level security), {@code audit} (events written in the change's transaction). A change here
 * changes every service's isolation: each has a cross-clinic test, and the ArchUnit rules
 * ({@code testing/ArchitectureRules}) hold this module to them too.
 *
 * <p><b>The service chassis</b> — what makes each process behave the same at its edges, with no clinic logic of its
 * own: {@code web} (envelope, request id, body limit, 404/405/413 outside REST, NUL refusal, ETags), {@code error}
 * (exceptions to statuses, database unavailability as 503), {@code pagination}, {@code idempotency}
 * ({@code Idempotency-Key}), {@code apidocs} (schema tags and error statuses), {@code ops} (entry point, shutdown,
 * startup checks, traces, histograms), {@code config} (settings checked at start), {@code client} (headers for calls
 * between services), {@code time} (the one clock).
 */
package org.clinic.common;

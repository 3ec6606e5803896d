package org.clinic.gateway.export;

/** One finished file of an export, as the job keeps it: where its pieces are and what they add up to. */
public record ExportFileEntry(String resource, long count, long bytes, String sha256, int chunks) {}

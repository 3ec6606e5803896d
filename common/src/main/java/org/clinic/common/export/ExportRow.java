package org.clinic.common.export;

/** One record of an export file: its id (files are ordered by it) and its representation, as its single GET answers. */
public record ExportRow(long id, Object body) {}

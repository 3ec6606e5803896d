package org.clinic.gateway.export;

import java.util.List;

/**
 * {@code POST exports/} (API.md §9): the resources to export (absent: every one this install can export) and an
 * instant: only records created or changed at or after it (absent: all). {@code since} is read as text so a value
 * that is no instant is a 400 naming it.
 */
public record ExportRequest(List<String> resources, String since) {}

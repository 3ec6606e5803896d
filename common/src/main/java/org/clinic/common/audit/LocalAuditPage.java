package org.clinic.common.audit;

import java.util.List;

/** One process's share of a clinic's audit list: its newest {@code limit} matching events, and how many match. */
public record LocalAuditPage(long count, List<AuditEventView> events) {}

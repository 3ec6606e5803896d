package org.clinic.common.persistence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One write of a statement that writes several tables at once: a {@code WITH} item {@code name AS (sql)} of
 * {@link TenantScopedRepository#nativeWrite}, so the rows of one change (a visit, its history, its event, its audit
 * event) go to the database in one round trip and one statement (issue 25). Its SQL names {@code :clinicId} for the
 * request's clinic, which the repository binds; its other parameters' names are its own, unique among the steps of
 * one statement, and its name is no table's (a {@code WITH} item's name hides a table of that name in the whole
 * statement). Each table's owner builds its step (AuditWriter, VisitHistory, VisitEventRepository), beside the
 * entity it reads the table with; an owner whose other writes persist that entity (AuditWriter.record,
 * VisitHistory.note) names the table's columns twice, once in the mapping and once in the step.
 */
public record WriteStep(String name, String sql, Map<String, Object> parameters) {

    private static final Pattern NAMES_CLINIC =
            Pattern.compile(":" + TenantScopedRepository.CLINIC_PARAMETER + "(?![A-Za-z0-9_])");

    public WriteStep {
        if (!NAMES_CLINIC.matcher(sql).find()) {
            throw new IllegalArgumentException("a write step must name :clinicId: " + name);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A step without parameters yet besides the clinic ({@link #with} adds them). */
    public static WriteStep of(String name, String sql) {
        return new WriteStep(name, sql, Map.of());
    }

    /** This step with one more parameter ({@code value} may be null: SQL's null, typed by the column it goes to). */
    public WriteStep with(String parameter, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(parameters);
        more.put(parameter, value);
        return new WriteStep(name, sql, more);
    }
}

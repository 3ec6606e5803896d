package org.clinic.gateway.export;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.clinic.common.persistence.ClinicOwned;

/**
 * A clinic's data export (API.md §9): what was asked, by whom, how far it got. Written by {@link ExportService}
 * (created) and {@link ExportWorker} (its progress), read through {@link ExportJobs}. {@code resources} is the asked
 * resources joined by commas; {@code files} the finished files as JSON ({@link ExportFileEntry}), in the order done.
 */
@Entity
@Table(name = "export_job")
public class ExportJob extends ClinicOwned {

    @Id
    public Long id;

    public String status;
    public String resources;
    public Instant since;

    @Column(name = "requested_by")
    public Long requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public String files;
    public String error;
}

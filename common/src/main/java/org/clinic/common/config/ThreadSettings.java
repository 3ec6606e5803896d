package org.clinic.common.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Min;

/**
 * The process's Vert.x event loops ({@code EVENT_LOOPS}, docs/decisions.md §19), checked at start: a value below one
 * stops the process with one line instead of a stack trace from Vert.x. {@code quarkus.vertx.event-loops-pool-size}
 * reads it.
 */
@ConfigMapping(prefix = "clinic.threads")
public interface ThreadSettings {

    /** One by default: a request's work, and the pooled connections it borrows, stay on one thread. */
    @Min(1)
    int eventLoops();
}

package org.clinic.doctors.live;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The waiting-room board (API.md §7): no patient data, only doctors and token numbers. */
public record QueueBoard(List<Row> doctors) {

    public record Row(
            long doctor,
            String doctorName,
            String specialization,
            Integer nowServing,
            List<Integer> waiting,
            int waitingCount,

            @Schema(
                    description =
                            "Minutes until the last waiting patient is seen: waiting_count times the doctor's median"
                                    + " consultation of the clinic's last 14 local days, rounded up; null under 5"
                                    + " consultations (API.md §8)")
            Integer estimatedWaitMinutes) {}
}

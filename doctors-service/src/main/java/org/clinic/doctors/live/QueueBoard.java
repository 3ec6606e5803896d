package org.clinic.doctors.live;

import java.util.List;

/** The waiting-room board (API.md §7): no patient data, only doctors and token numbers. */
public record QueueBoard(List<Row> doctors) {

    public record Row(
            long doctor,
            String doctorName,
            String specialization,
            Integer nowServing,
            List<Integer> waiting,
            int waitingCount) {}
}

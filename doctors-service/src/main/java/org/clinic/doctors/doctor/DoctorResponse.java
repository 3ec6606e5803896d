package org.clinic.doctors.doctor;

/** A doctor profile as clients see it (API.md §3). */
public record DoctorResponse(
        Long id,
        Long clinicId,
        Long user,
        String userName,
        String specialization,
        String licenseNumber,
        String qualification,
        int experienceYears,
        boolean isActive) {

    public static DoctorResponse of(Doctor d) {
        return new DoctorResponse(
                d.id,
                d.getClinicId(),
                d.userId,
                d.userName,
                d.specialization,
                d.licenseNumber,
                d.qualification,
                d.experienceYears,
                d.active);
    }
}

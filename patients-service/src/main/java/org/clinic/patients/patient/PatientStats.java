package org.clinic.patients.patient;

/** Patients' figures for the gateway's dashboard and daily report (API.md §3 "Analytics and reports"). */
public record PatientStats(long totalPatients, long activePatients, long registered) {}

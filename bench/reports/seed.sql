-- Seed generator for the reports bench: one clinic (:clinic) with 100,000 patients and a year of
-- visits (150 a day over 10 doctors), consultations and prescriptions. Run per database with
-- psql -v clinic=N -v part=patients|doctors|consultations; everything is set-based SQL.
-- Other sizes (bench/run: 10,000 patients and one day): -v patients=N -v days=N, and
-- -v today="date '2026-12-02'" for the clinic's local day when it is not the server's current_date.
\if :{?part}
\else
  \echo 'set -v part=patients|doctors|consultations' \quit
\endif
\if :{?patients}
\else
  \set patients 100000
\endif
\if :{?days}
\else
  \set days 365
\endif
\if :{?today}
\else
  \set today current_date
\endif

SELECT :'part' = 'patients' AS is_patients, :'part' = 'doctors' AS is_doctors,
       :'part' = 'consultations' AS is_consultations \gset

\if :is_patients
INSERT INTO patient (clinic_id, patient_id, patient_name, date_of_birth, gender, phone_number, status,
                     registration_date, updated_at)
SELECT :clinic, 'P-' || lpad(g::text, 6, '0'), 'Bench Patient ' || g, date '1940-01-01' + (g % 25000),
       (ARRAY['M', 'F', 'O'])[1 + g % 3], '9' || lpad(g::text, 9, '0'),
       CASE WHEN g % 50 = 0 THEN 'inactive' WHEN g % 997 = 0 THEN 'deceased' ELSE 'active' END,
       now() - make_interval(days => g % 365, mins => g % 1440), now()
FROM generate_series(1, :patients) g;
INSERT INTO patient_number_counter (clinic_id, last_number) VALUES (:clinic, :patients)
ON CONFLICT (clinic_id) DO UPDATE SET last_number = :patients;
VACUUM ANALYZE patient;
\endif

\if :is_doctors
INSERT INTO doctor (clinic_id, user_id, user_name, license_number, specialization)
SELECT :clinic, 100000 + g, 'Bench Doctor ' || g, 'LIC-' || g, 'General' FROM generate_series(1, 10) g;
INSERT INTO visit (clinic_id, patient_id, patient_name, assigned_doctor_id, token_number, purpose, status,
                   visit_day, check_in_date, updated_at)
SELECT :clinic, 1 + (d * 150 + t) % :patients, 'Bench Patient', (SELECT min(id) FROM doctor) + t % 10, t, 'Visit',
       CASE WHEN d = 0 AND t > 120 THEN 'checked_in' WHEN t % 20 = 0 THEN 'cancelled'
            WHEN t % 25 = 0 THEN 'no_show' ELSE 'completed' END,
       :today - d, (:today - d) + time '03:30' + make_interval(mins => t * 3), now()
FROM generate_series(0, :days - 1) d, generate_series(1, 150) t;
INSERT INTO visit_token_counter (clinic_id, day, last_token)
SELECT :clinic, :today - d, 150 FROM generate_series(0, :days - 1) d;
VACUUM ANALYZE doctor;
VACUUM ANALYZE visit;
\endif

\if :is_consultations
INSERT INTO consultation (clinic_id, patient_id, patient_name, doctor_id, doctor_name, chief_complaint, created_at, updated_at)
SELECT :clinic, 1 + g % :patients, 'Bench Patient', 1 + g % 10, 'Bench Doctor', 'Fever',
       now() - make_interval(days => g % :days, mins => g % 600), now()
FROM generate_series(1, 45000 * :days / 365) g;
INSERT INTO prescription (clinic_id, patient_id, patient_name, doctor_id, doctor_name, consultation_id,
                          prescription_date, created_at, updated_at)
SELECT clinic_id, patient_id, patient_name, doctor_id, doctor_name, id, created_at::date, created_at, now()
FROM consultation WHERE clinic_id = :clinic AND id % 4 <> 0;
VACUUM ANALYZE consultation;
VACUUM ANALYZE prescription;
\endif

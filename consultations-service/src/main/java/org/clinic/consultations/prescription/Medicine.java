package org.clinic.consultations.prescription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.clinic.common.persistence.ClinicOwned;

/** One medicine of a prescription, in the order the doctor gave them. */
@Entity
public class Medicine extends ClinicOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "prescription_id")
    public Long prescriptionId;

    public int position;

    @Column(name = "medicine_name")
    public String medicineName;

    public String dosage = "";
    public String frequency = "";
    public String duration = "";
    public String route = "";
    public String instructions = "";
    public int quantity;

    @Column(name = "refills_allowed")
    public int refillsAllowed;
}

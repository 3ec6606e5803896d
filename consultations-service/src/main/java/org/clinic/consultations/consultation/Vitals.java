package org.clinic.consultations.consultation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;

/** A consultation's vitals, each optional, within the ranges of API.md §3. */
public record Vitals(
        @Min(40) @Max(300) Integer bpSystolic,
        @Min(20) @Max(200) Integer bpDiastolic,
        @Min(20) @Max(250) Integer pulse,
        @DecimalMin("25") @DecimalMax("45") BigDecimal temperatureC,
        @DecimalMin("0.2") @DecimalMax("500") BigDecimal weightKg,
        @DecimalMin("20") @DecimalMax("300") BigDecimal heightCm,
        @Min(50) @Max(100) Integer spo2) {

    static final Vitals NONE = new Vitals(null, null, null, null, null, null, null);
}

package io.ipsc.manufacturing.quality;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * An inspection of a sample from a production order. {@code result} may be left out: it is then
 * "failed" when any unit failed or any reading is outside its limits, else "passed".
 */
public record InspectionRequest(
        @NotNull(message = "sample_size is required") @Positive(message = "sample_size must be 1 or more")
        @Max(value = 1_000_000, message = "sample_size is too large") Integer sampleSize,
        @NotNull(message = "passed is required") @PositiveOrZero(message = "passed must not be negative") Integer passed,
        @NotNull(message = "failed is required") @PositiveOrZero(message = "failed must not be negative") Integer failed,
        @Size(max = 50, message = "defect_codes has at most 50 codes") List<@NotBlank(message = "defect_codes must not hold blanks")
        @Size(max = 50, message = "a defect code is at most 50 characters") String> defectCodes,
        @Size(max = 200, message = "readings has at most 200 entries") List<@Valid @NotNull(message = "readings must not hold nulls") Reading> readings,
        @Pattern(regexp = "passed|failed", message = "result must be passed or failed") String result,
        @Size(max = 2000, message = "notes is at most 2000 characters") String notes) {

    /** One measured characteristic and its limits; either limit may be absent. */
    public record Reading(@NotBlank(message = "a reading needs a name") @Size(max = 100, message = "a reading name is at most 100 characters") String name,
                          @NotNull(message = "a reading needs a value") BigDecimal value, BigDecimal min, BigDecimal max) {
    }
}

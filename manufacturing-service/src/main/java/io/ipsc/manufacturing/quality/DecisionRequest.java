package io.ipsc.manufacturing.quality;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What happens to a lot after a failed inspection: accepted as is (concession), reworked, or scrapped. */
public record DecisionRequest(
        @NotNull(message = "decision is required") @Pattern(regexp = "accept|rework|scrap", message = "decision must be accept, rework or scrap")
        String decision,
        @Size(max = 2000, message = "notes is at most 2000 characters") String notes) {
}

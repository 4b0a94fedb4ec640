package io.ipsc.tenant.invitation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How long an invitation stays usable: {@code IPSC_INVITATION_VALID_DAYS} (7). */
@ConfigMapping(prefix = "ipsc.invitation")
public interface InvitationConfig {

    @WithName("valid-days")
    @WithDefault("7")
    int validDays();
}

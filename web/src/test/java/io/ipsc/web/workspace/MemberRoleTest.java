package io.ipsc.web.workspace;

import io.ipsc.web.session.WebSession.SignedInUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the pages offer by the session user's role in one tenant (the API decides the rest). */
class MemberRoleTest {

    private static SignedInUser user(boolean platformAdmin, Map<String, String> tenants) {
        return new SignedInUser(7, "someone@example.com", "Someone", platformAdmin, tenants);
    }

    @Test
    void aViewerMayNeitherWriteNorChangeSettings() {
        MemberRole viewer = MemberRole.of(user(false, Map.of("smile-dental", "viewer")), "smile-dental");
        assertFalse(viewer.mayWrite());
        assertFalse(viewer.admin());
    }

    @Test
    void staffWriteAndOnlyAdminsChangeSettings() {
        SignedInUser user = user(false, Map.of("smile-dental", "staff", "precision-mfg", "admin"));
        assertTrue(MemberRole.of(user, "smile-dental").mayWrite());
        assertFalse(MemberRole.of(user, "smile-dental").admin());
        assertTrue(MemberRole.of(user, "precision-mfg").admin());
    }

    @Test
    void aPlatformAdminMayEverythingAndAStrangerNothing() {
        assertTrue(MemberRole.of(user(true, Map.of()), "smile-dental").admin());
        MemberRole stranger = MemberRole.of(user(false, Map.of("other", "admin")), "smile-dental");
        assertFalse(stranger.mayWrite() || stranger.admin());
    }
}

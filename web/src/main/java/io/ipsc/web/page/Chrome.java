package io.ipsc.web.page;

import io.ipsc.web.session.WebSession.SignedInUser;
import io.ipsc.web.workspace.Workspace;

/**
 * What the layout shows around every page: its title, who is signed in (null: nobody), and the
 * tenant's workspace whose brand and menu frame it (null outside a workspace).
 */
public record Chrome(String title, SignedInUser user, Workspace workspace) {

    public static Chrome of(String title, SignedInUser user) {
        return new Chrome(title, user, null);
    }
}

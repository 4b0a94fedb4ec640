package io.ipsc.web.catalog;

import io.ipsc.web.page.Chrome;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The confirmation before archiving a product, customer or vendor: what it is, what follows, and the button. */
public final class ArchivePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(Chrome chrome, String kind, String name, String consequence, String action, String back);
    }

    private ArchivePage() {
    }

    /** {@code action} is where the button posts; {@code back} where "Keep it" leads. */
    public static TemplateInstance confirm(Visit visit, String kind, String name, String consequence, String action, String back) {
        return Templates.confirm(visit.chrome("Archive " + name + " · " + visit.workspace().companyName()), kind, name, consequence,
                action, back);
    }
}

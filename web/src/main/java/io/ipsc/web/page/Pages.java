package io.ipsc.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages that any part of the app may answer with: refusals and failures, told as a person reads them. */
@CheckedTemplate(basePath = "page")
public final class Pages {

    private Pages() {
    }

    public static native TemplateInstance problem(Chrome chrome, String heading, String explanation);
}

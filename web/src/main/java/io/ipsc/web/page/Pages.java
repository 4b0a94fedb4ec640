package io.ipsc.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages that any part of the app may answer with: refusals and failures, told as a person reads them. */
@CheckedTemplate(basePath = "page")
public final class Pages {

    private Pages() {
    }

    public static native TemplateInstance problem(Chrome chrome, String heading, String explanation);

    /** A page the visitor's role may not use, with the way back to the records it is about. */
    public static native TemplateInstance roleCannot(Chrome chrome, String heading, String explanation, String back, String backLabel);
}

package io.ipsc.web.workspace;

import io.ipsc.web.page.Chrome;

/**
 * A viewer opened a page that creates or changes records (a "new invoice" editor, say): {@code PageErrors} answers
 * with a page that says the role cannot, and leads back to the records, rather than an editor that could never save.
 * The gateway refuses the change whatever the pages show; this is for the reader.
 */
public final class RoleCannot extends RuntimeException {

    private final transient Chrome chrome;
    private final String heading;
    private final String explanation;
    private final String back;
    private final String backLabel;

    RoleCannot(Chrome chrome, String heading, String explanation, String back, String backLabel) {
        super(heading, null, false, false);
        this.chrome = chrome;
        this.heading = heading;
        this.explanation = explanation;
        this.back = back;
        this.backLabel = backLabel;
    }

    public Chrome chrome() {
        return chrome;
    }

    public String heading() {
        return heading;
    }

    public String explanation() {
        return explanation;
    }

    public String back() {
        return back;
    }

    public String backLabel() {
        return backLabel;
    }
}

package io.ipsc.web.session;

/** No live session for a page that needs one: the visitor is sent to the sign-in page (see PageErrors). */
public final class SignInRequired extends RuntimeException {

    public SignInRequired() {
        super("sign-in required", null, false, false);
    }
}

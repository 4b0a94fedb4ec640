package io.ipsc.web;

import io.restassured.response.Response;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** What a browser does between pages, for tests without one: keeps cookies and sends the form's CSRF token. */
final class Browserless {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    final Map<String, String> cookies = new HashMap<>();

    Response get(String path) {
        Response r = given().redirects().follow(false).cookies(cookies).get(path);
        cookies.putAll(r.getCookies());
        return r;
    }

    /** Posts {@code form} with the CSRF token of the form on {@code formPage}, as a browser submitting it would. */
    Response submit(String formPage, String action, Map<String, String> form) {
        return submit(formPage, action, form, Map.of());
    }

    /** As {@link #submit(String, String, Map)}, with request headers (htmx names the field it checks in one). */
    Response submit(String formPage, String action, Map<String, String> form, Map<String, String> headers) {
        String page = get(formPage).asString();
        Matcher token = CSRF_FIELD.matcher(page);
        if (!token.find()) {
            throw new AssertionError("No CSRF field on " + formPage + ":\n" + page);
        }
        Map<String, String> fields = new HashMap<>(form);
        fields.put("csrf-token", token.group(1));
        Response r = given().redirects().follow(false).cookies(cookies).headers(headers).formParams(fields).post(action);
        cookies.putAll(r.getCookies());
        return r;
    }

    Response signIn(String email, String password) {
        return submit("/sign-in", "/sign-in", Map.of("email", email, "password", password, "then", "/"));
    }
}

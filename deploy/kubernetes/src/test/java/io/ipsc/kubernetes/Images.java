package io.ipsc.kubernetes;

import java.util.Map;
import java.util.regex.Pattern;

/** Container image references: what kustomize's {@code images} does to them, and whether one is pinned. */
final class Images {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /** An image reference split the way registries read it: name, then an optional tag and digest. */
    record Ref(String name, String tag, String digest) {

        static Ref parse(String image) {
            String rest = image;
            String digest = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            return new Ref(rest, tag, digest);
        }

        @Override
        public String toString() {
            return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        }
    }

    private Images() {
    }

    /** The image after one kustomize {@code images} rule, or null when the rule names another image. */
    static String rewrite(String image, Map<String, Object> rule) {
        Ref ref = Ref.parse(image);
        if (!ref.name().equals(rule.get("name"))) {
            return null;
        }
        String name = rule.get("newName") == null ? ref.name() : rule.get("newName").toString();
        String newTag = rule.get("newTag") == null ? null : rule.get("newTag").toString();
        String digest = rule.get("digest") == null ? null : rule.get("digest").toString();
        if (newTag == null && digest == null) {
            return new Ref(name, ref.tag(), ref.digest()).toString();
        }
        return new Ref(name, newTag, digest).toString();
    }

    /**
     * Why an image is not pinned, or null when it is: a digest, or an explicit tag other than
     * "latest" (which names whatever was pushed last, so two nodes may run different code).
     */
    static String unpinned(String image) {
        Ref ref = Ref.parse(image);
        if (ref.digest() != null) {
            return DIGEST.matcher(ref.digest()).matches() ? null : "digest '" + ref.digest() + "' is not sha256:<64 hex digits>";
        }
        if (ref.tag() == null || ref.tag().isEmpty()) {
            return "has neither a tag nor a digest";
        }
        if (ref.tag().equals("latest")) {
            return "uses the tag 'latest'";
        }
        return null;
    }
}

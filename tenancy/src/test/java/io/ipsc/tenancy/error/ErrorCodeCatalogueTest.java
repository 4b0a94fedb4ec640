package io.ipsc.tenancy.error;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue is the whole truth: every error code any module's main sources answer with is in
 * {@link ErrorCode}, with the status it is thrown with, and nothing is catalogued that no module throws.
 * The sources are read as text, so a code added anywhere in the suite without its entry fails this build.
 */
class ErrorCodeCatalogueTest {

    /** The ways the code base raises an error with a literal code (ApiException's factories, ConstraintErrors' 409, the envelope helpers). */
    private static final Pattern RAISED = Pattern.compile(
            "(?:(?:ApiException|ConstraintErrors)\\.(badRequest|forbidden|conflict|unprocessable|tooManyRequests|duplicate)"
                    + "|new ApiException|envelope|refuse|new Failure|ApiResponse\\.failure)"
                    + "\\(\\s*(?:([0-9]{3}|[a-z]\\w*)\\s*,\\s*)?\"([A-Z][A-Z0-9_]+)\"");
    /** Codes held in a constant, e.g. FeatureGates.REFUSAL_CODE. */
    private static final Pattern CONSTANT = Pattern.compile("String [A-Z_]*_CODE = \"([A-Z][A-Z0-9_]+)\"");
    private static final Map<String, Integer> FACTORY_STATUS = Map.of(
            "badRequest", 400, "forbidden", 403, "conflict", 409, "unprocessable", 422, "tooManyRequests", 429, "duplicate", 409);
    /** Codes built from a status rather than written out: ApiExceptionMappers' answer to an unreadable body. */
    private static final Set<String> COMPUTED = Set.of("BAD_REQUEST");

    @Test
    void everyCodeThrownAnywhereIsCataloguedWithItsStatus() throws IOException {
        Map<String, Set<String>> problems = new TreeMap<>();
        Map<String, List<String>> raised = raisedCodes(problems);
        assertTrue(raised.size() > 60, "the scan found only " + raised.size() + " codes: is it reading the modules' sources?");
        assertTrue(raised.containsKey("INVALID_PATH") && raised.containsKey("APPOINTMENT_CONFLICT") && raised.containsKey("FEATURE_DISABLED"),
                "the scan misses codes of the gateway, a service or a constant: " + raised.keySet());
        raised.keySet().stream().filter(code -> ErrorCode.of(code).isEmpty()).forEach(code ->
                problems.computeIfAbsent(code, c -> new TreeSet<>()).add("not in ErrorCode, raised at " + raised.get(code)));
        assertEquals(Map.of(), problems, "add each code to io.ipsc.tenancy.error.ErrorCode (code, status, meaning)");
    }

    @Test
    void nothingIsCataloguedThatNoModuleRaises() throws IOException {
        Set<String> raised = raisedCodes(new TreeMap<>()).keySet();
        List<String> stale = Arrays.stream(ErrorCode.values()).map(Enum::name)
                .filter(code -> !raised.contains(code) && !COMPUTED.contains(code)).toList();
        assertEquals(List.of(), stale, "catalogued, but raised nowhere: remove them from ErrorCode");
    }

    @Test
    void everyCodeHasAMeaningAndAnErrorStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(!code.meaning().isBlank() && !code.statuses().isEmpty(), code.name());
            assertTrue(code.statuses().stream().allMatch(s -> s >= 400 && s < 600), code + " " + code.statuses());
        }
    }

    /** Code → where it is raised; a literal status that the catalogue does not give the code goes to problems. */
    private static Map<String, List<String>> raisedCodes(Map<String, Set<String>> problems) throws IOException {
        Map<String, List<String>> raised = new TreeMap<>();
        for (Path file : mainSources(suiteRoot())) {
            String source = Files.readString(file);
            String where = suiteRoot().relativize(file).toString();
            Matcher m = RAISED.matcher(source);
            while (m.find()) {
                String code = m.group(3);
                raised.computeIfAbsent(code, c -> new ArrayList<>()).add(where);
                Integer status = m.group(1) != null ? FACTORY_STATUS.get(m.group(1))
                        : m.group(2) != null && m.group(2).matches("[0-9]{3}") ? Integer.valueOf(m.group(2)) : null;
                ErrorCode known = ErrorCode.of(code).orElse(null);
                if (known != null && status != null && !known.answersWith(status)) {
                    problems.computeIfAbsent(code, c -> new TreeSet<>()).add(
                            "raised with " + status + " in " + where + ", catalogued with " + known.statuses());
                }
            }
            Matcher constant = CONSTANT.matcher(source);
            while (constant.find()) {
                raised.computeIfAbsent(constant.group(1), c -> new ArrayList<>()).add(where);
            }
        }
        return raised;
    }

    private static Path suiteRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("tenancy")) ? here : here.getParent();
    }

    private static List<Path> mainSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules")
                        || name.equals("test"));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.toString().endsWith(".java") && file.toString().contains("/src/main/java/")) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (sources.isEmpty()) {
            throw new UncheckedIOException(new IOException("no main sources under " + root));
        }
        return sources;
    }
}

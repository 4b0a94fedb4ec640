package io.ipsc.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    private static final Path JAR = Path.of("/repo/invoicing-service/target/quarkus-app/quarkus-run.jar");

    @Test
    void everyServiceGetsTheLaunchersJvmOptions() {
        List<String> command = ServiceProcess.command("java", JAR, List.of(), null);
        assertEquals("java", command.get(0));
        assertEquals(List.of("-jar", JAR.toString()), command.subList(command.size() - 2, command.size()));
        assertEquals(command, ServiceProcess.command("java", JAR, List.of(), "  "));
    }

    @Test
    void theNativeHeapIsTrimmedOnlyByAJvmThatKnowsTheFlag() {
        assertEquals(false, ServiceProcess.trimsNativeHeap(Runtime.Version.parse("17.0.8")));
        assertEquals(true, ServiceProcess.trimsNativeHeap(Runtime.Version.parse("17.0.9")));
        assertEquals(true, ServiceProcess.trimsNativeHeap(Runtime.Version.parse("17.0.15+6")));
        assertEquals(true, ServiceProcess.trimsNativeHeap(Runtime.Version.parse("21.0.2")));
        // This machine's JVM (17.0.15) takes it: the launched services get it.
        assertEquals(ServiceProcess.trimsNativeHeap(Runtime.version()),
                ServiceProcess.command("java", JAR, List.of(), null).containsAll(ServiceProcess.TRIM_NATIVE_HEAP));
    }

    @Test
    void extraOptionsComeAfterTheDefaultsSoThatTheyWin() {
        List<String> plain = ServiceProcess.command("java", JAR, List.of(), null);
        List<String> command = ServiceProcess.command("java", JAR, List.of(), " -XX:NativeMemoryTracking=summary  -Xmx256m ");
        List<String> defaults = plain.subList(1, plain.size() - 2);
        assertEquals(defaults, command.subList(1, 1 + defaults.size()));
        assertEquals(List.of("-XX:NativeMemoryTracking=summary", "-Xmx256m", "-jar", JAR.toString()),
                command.subList(1 + defaults.size(), command.size()));
    }

    @Test
    void tenantServiceAloneGetsItsOwnOptionsAfterTheDefaultsAndBeforeTheExtraOnes() {
        assertEquals(ServiceProcess.TENANT_SERVICE_OPTIONS, ServiceProcess.optionsOf(Services.TENANT_SERVICE.name()));
        assertEquals(List.of(), ServiceProcess.optionsOf("invoicing-service"));
        List<String> plain = ServiceProcess.command("java", JAR, List.of(), null);
        List<String> command = ServiceProcess.command("java", JAR, List.of("-XX:TieredStopAtLevel=1"), "-Xmx256m");
        List<String> defaults = plain.subList(1, plain.size() - 2);
        assertEquals(defaults, command.subList(1, 1 + defaults.size()));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", JAR.toString()),
                command.subList(1 + defaults.size(), command.size()));
    }

    @Test
    void servicesGetFewMallocArenasUnlessTheEnvironmentSaysOtherwise() {
        assertEquals("2", ServiceProcess.withMemoryDefaults(new HashMap<>()).get("MALLOC_ARENA_MAX"));
        assertEquals("4", ServiceProcess.withMemoryDefaults(new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4"))).get("MALLOC_ARENA_MAX"));
    }
}

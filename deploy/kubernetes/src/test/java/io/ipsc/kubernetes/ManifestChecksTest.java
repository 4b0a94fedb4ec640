package io.ipsc.kubernetes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks fail on broken input. A small, sound set of objects passes; each case breaks one thing
 * in it (by replacing one piece of text) and expects the violation that names it.
 */
class ManifestChecksTest {

    static final String SOUND = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-config, namespace: t}
            data: {GREETING: hello}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: gateway, namespace: t}
            spec:
              replicas: 2
              selector: {matchLabels: {app: gateway}}
              template:
                metadata: {labels: {app: gateway}}
                spec:
                  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: gateway
                      image: registry.example.com/ipsc/gateway:0.1.0
                      ports: [{name: http, containerPort: 8000}, {name: management, containerPort: 9000}]
                      envFrom: [{configMapRef: {name: app-config}}]
                      env:
                        - name: PASSWORD
                          valueFrom: {secretKeyRef: {name: app-secret, key: password}}
                        - name: QUARKUS_MANAGEMENT_PORT
                          value: "9000"
                      resources:
                        requests: {cpu: 100m, memory: 256Mi}
                        limits: {cpu: "1", memory: 256Mi}
                      startupProbe: {httpGet: {path: /q/health/started, port: management}}
                      livenessProbe: {httpGet: {path: /q/health/live, port: management}}
                      readinessProbe: {httpGet: {path: /q/health/ready, port: management}}
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: {drop: [ALL]}
                      volumeMounts: [{name: tmp, mountPath: /tmp}]
                  volumes: [{name: tmp, emptyDir: {}}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: gateway, namespace: t, labels: {app: gateway}}
            spec:
              selector: {app: gateway}
              ports: [{name: http, port: 8000, targetPort: http}, {name: management, port: 9000, targetPort: management}]
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: gateway, namespace: t}
            spec:
              selector: {matchLabels: {app: gateway}}
              endpoints: [{port: management, path: /q/metrics}]
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: gateway, namespace: t}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: gateway}
              minReplicas: 2
              maxReplicas: 4
              metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: gateway, namespace: t}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: gateway}}  # pods of the budget
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny-all, namespace: t}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: gateway, namespace: t}
            spec:
              tls: [{hosts: [a.example.com], secretName: tls-secret}]
              rules:
                - host: a.example.com
                  http:
                    paths:
                      - path: /api
                        pathType: Prefix
                        backend: {service: {name: gateway, port: {name: http}}}
            """;

    static final KnownSecrets SECRETS = KnownSecrets.parse(List.of(
            "app-secret Opaque password",
            "tls-secret kubernetes.io/tls tls.crt tls.key"));

    static List<String> problems(String yaml) {
        return ManifestChecks.check(Manifests.parse(yaml), SECRETS);
    }

    /** {@link #SOUND} with exactly one occurrence of {@code from} replaced. */
    static String broken(String from, String to) {
        int first = SOUND.indexOf(from);
        assertTrue(first >= 0, "the fixture contains " + from);
        assertEquals(first, SOUND.lastIndexOf(from), "the fixture contains " + from + " once");
        return SOUND.replace(from, to);
    }

    @Test
    void theSoundFixturePasses() {
        assertEquals(List.of(), problems(SOUND));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no readiness probe              | readinessProbe: {httpGet: {path: /q/health/ready, port: management}} | readinessGates: []                   | container gateway has no readiness probe
            misspelt readiness probe        | readinessProbe: {httpGet                                         | readinesProbe: {httpGet                    | unknown field(s) [readinesProbe]
            liveness on the wrong path      | path: /q/health/live                                             | path: /health                              | the liveness probe asks /health instead of /q/health/live
            startup on the wrong port       | path: /q/health/started, port: management                        | path: /q/health/started, port: 9999        | the startup probe's port 9999 is not a port of the container
            liveness on the API port        | path: /q/health/live, port: management                           | path: /q/health/live, port: http           | the liveness probe uses port http instead of the management port
            readiness on the API port       | path: /q/health/ready, port: management                          | path: /q/health/ready, port: 8000          | the readiness probe uses port 8000 instead of the management port
            no management port              | {name: management, containerPort: 9000}                          | {name: admin, containerPort: 9000}         | has no container port named management
            management port not configured  | value: "9000"                                                    | value: "9001"                              | QUARKUS_MANAGEMENT_PORT is 9001 but the container's management port is 9000
            image tagged latest             | gateway:0.1.0                                                    | gateway:latest                             | uses the tag 'latest'
            image without tag               | gateway:0.1.0                                                    | gateway                                    | has neither a tag nor a digest
            image with a short digest       | gateway:0.1.0                                                    | gateway@sha256:abc                         | is not sha256:<64 hex digits>
            dangling Secret                 | name: app-secret                                                 | name: missing-secret                       | reads Secret missing-secret, which is neither in the render nor in external-secrets.txt
            Secret key not documented       | key: password                                                    | key: token                                 | reads key token of Secret app-secret
            dangling ConfigMap              | configMapRef: {name: app-config}                                 | configMapRef: {name: other-config}         | reads ConfigMap other-config, which is not in the render
            no limits                       | limits: {cpu: "1", memory: 256Mi}                                | limits: {cpu: "1"}                         | has no memory in its resource limits
            request above limit             | requests: {cpu: 100m, memory: 256Mi}                             | requests: {cpu: "2", memory: 256Mi}        | requests more cpu
            may run as root                 | runAsNonRoot: true                                               | runAsNonRoot: false                        | may run as root
            writable root filesystem        | readOnlyRootFilesystem: true                                     | readOnlyRootFilesystem: false              | has a writable root filesystem
            privilege escalation            | allowPrivilegeEscalation: false                                  | allowPrivilegeEscalation: true             | allows privilege escalation
            capabilities kept               | drop: [ALL]                                                      | drop: [NET_RAW]                            | capabilities.drop lacks ALL
            no seccomp profile              | seccompProfile: {type: RuntimeDefault}                           | seccompProfile: {type: Unconfined}         | has seccomp profile Unconfined instead of RuntimeDefault
            no writable tmp                 | mountPath: /tmp                                                  | mountPath: /scratch                        | has no writable /tmp
            Service selects other pods      | selector: {app: gateway}                                         | selector: {app: other}                     | no Service selects its pods
            Service on a missing port       | {name: http, port: 8000, targetPort: http}, {name: management, port: 9000, targetPort: management} | {name: http, port: 8000, targetPort: 8001} | no Service selects its pods on one of their container ports
            monitor on the wrong path       | path: /q/metrics                                                 | path: /metrics                             | no ServiceMonitor scrapes /q/metrics
            monitor on the API port         | endpoints: [{port: management                                    | endpoints: [{port: http                    | scrapes port http of Service gateway, which is not its management port
            autoscaler of nothing           | kind: Deployment, name: gateway                                  | kind: Deployment, name: nothing            | scales Deployment nothing, which is not in the render
            budget for no pods              | {app: gateway}}  # pods of the budget                            | {app: none}}  # pods of the budget         | selects the pods of no Deployment
            autoscaler below one            | minReplicas: 2                                                   | minReplicas: 0                             | has minReplicas 0
            Ingress to another Service      | backend: {service: {name: gateway                                | backend: {service: {name: invoicing        | only the gateway and web Services may be reachable from outside
            Ingress to a missing port       | port: {name: http}                                               | port: {name: https}                        | routes to port https of Service gateway, which has no such port
            Ingress exposing /q/            | path: /api                                                       | path: /                                    | exposes /q/metrics
            Ingress exposing /q/openapi     | path: /api                                                       | path: /q/openapi                           | exposes /q/openapi
            Ingress exposing /q             | path: /api                                                       | path: /q                                   | exposes /q/
            Ingress to the management port  | port: {name: http}                                               | port: {name: management}                   | routes to the management port of Service gateway
            host without TLS                | - host: a.example.com                                            | - host: b.example.com                      | serves b.example.com without TLS
            ConfigMap value not a string    | GREETING: hello                                                  | GREETING: 42                               | data.GREETING is 42
            no default deny                 | policyTypes: [Ingress, Egress]                                   | policyTypes: [Ingress]                     | no default-deny NetworkPolicy for egress
            replicas of the wrong type      | replicas: 2                                                      | replicas: two                              | does not parse as apps/v1 Deployment
            """)
    void aBrokenInputFails(String what, String from, String to, String expected) {
        List<String> found = problems(broken(from, to));
        assertTrue(found.stream().anyMatch(p -> p.contains(expected)),
                () -> what + ": expected a problem containing '" + expected + "', got:\n  " + String.join("\n  ", found));
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        String twice = SOUND.replace("data: {GREETING: hello}", "data:\n  GREETING: hello\n  GREETING: bye");
        assertThrows(IllegalArgumentException.class, () -> Manifests.parse(twice));
    }

    @Test
    void anObjectWithoutKindIsRefused() {
        List<String> found = problems(SOUND + "---\napiVersion: v1\nmetadata: {name: stray}\n");
        assertTrue(found.stream().anyMatch(p -> p.contains("has no kind")), found::toString);
    }
}

package io.ipsc.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every render of the manifests must satisfy. {@link #check} returns one line per violation,
 * each starting with the object it is about; an empty list means the render is sound.
 */
final class ManifestChecks {

    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    static final String STARTED = "/q/health/started";
    static final String METRICS = "/q/metrics";
    /** The one Service that the outside world may reach. */
    /** The Services an Ingress may route to: the gateway's API and the web app's pages. */
    static final Set<String> PUBLIC_SERVICES = Set.of("gateway", "web");
    /** The operators' endpoints of every Quarkus service (metrics, probes, OpenAPI), which must not be public. */
    static final List<String> OPERATOR_PATHS = List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/q/");
    /**
     * The name of the container port of Quarkus' management interface: the only port that serves /q/...,
     * so the only one that probes, monitors and the gateway's health checks may use.
     */
    static final String MANAGEMENT_PORT = "management";

    private static final Pattern SERVICE_URL = Pattern.compile("^https?://([a-z0-9-]+)(?::(\\d+))?(/.*)?$");

    private final Manifests m;
    private final KnownSecrets secrets;
    private final List<String> out = new ArrayList<>();

    private ManifestChecks(Manifests m, KnownSecrets secrets) {
        this.m = m;
        this.secrets = secrets;
    }

    static List<String> check(Manifests manifests, KnownSecrets secrets) {
        ManifestChecks c = new ManifestChecks(manifests, secrets);
        c.out.addAll(manifests.problems);
        c.deployments();
        c.autoscalers();
        c.disruptionBudgets();
        c.serviceMonitors();
        c.ingresses();
        c.images();
        c.defaultDeny();
        c.serviceUrls();
        KafkaAndPostgresChecks.check(manifests, secrets, c.out);
        BackupChecks.check(manifests, c::secret, c.out);
        return c.out;
    }

    private void problem(Manifests.Obj o, String text) {
        out.add(o.ref() + ": " + text);
    }

    // ---- Deployments: probes, resources, security, configuration, Service, monitor, HPA, PDB ----

    private void deployments() {
        for (Manifests.Obj o : m.kind("Deployment")) {
            Deployment d = m.typed(o, Deployment.class);
            if (d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null) {
                problem(o, "has no pod template");
                continue;
            }
            Map<String, Object> podLabels = podLabels(o);
            Map<String, Object> selector = Yaml.mapAt(o.raw(), "spec", "selector", "matchLabels");
            if (!Manifests.selects(selector, podLabels)) {
                problem(o, "its selector " + selector + " does not select its own pod labels " + podLabels);
            }
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
                problem(o, "has no containers");
                continue;
            }
            for (Container c : pod.getContainers()) {
                String where = "container " + c.getName();
                probes(o, c, where);
                resources(o, c.getResources(), where);
                security(o, pod, c, where);
                writableTmp(o, pod, c, where);
                references(o, c, where);
            }
            volumeReferences(o, pod);
            List<Manifests.Obj> services = servicesFor(o, pod);
            if (services.isEmpty()) {
                problem(o, "no Service selects its pods on one of their container ports");
            } else if (services.stream().noneMatch(this::monitored)) {
                problem(o, "no ServiceMonitor scrapes " + METRICS + " from the " + MANAGEMENT_PORT + " port of its Service " + services.get(0).name());
            }
            podMonitors(o);
            if (m.kind("HorizontalPodAutoscaler").stream().noneMatch(h -> h.sameNamespace(o) && o.name().equals(Yaml.stringAt(h.raw(), "spec", "scaleTargetRef", "name"))
                    && "Deployment".equals(Yaml.stringAt(h.raw(), "spec", "scaleTargetRef", "kind")))) {
                problem(o, "has no HorizontalPodAutoscaler");
            }
            if (m.kind("PodDisruptionBudget").stream().noneMatch(p -> p.sameNamespace(o)
                    && Manifests.selects(Yaml.mapAt(p.raw(), "spec", "selector", "matchLabels"), podLabels))) {
                problem(o, "has no PodDisruptionBudget");
            }
        }
    }

    static Map<String, Object> podLabels(Manifests.Obj deployment) {
        return Yaml.mapAt(deployment.raw(), "spec", "template", "metadata", "labels");
    }

    private void probes(Manifests.Obj o, Container c, String where) {
        Optional<ContainerPort> management = containerPort(c, new IntOrString(MANAGEMENT_PORT));
        if (management.isEmpty()) {
            problem(o, where + " has no container port named " + MANAGEMENT_PORT + " (Quarkus' management interface, where /q/ is served)");
        }
        String configured = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                .filter(e -> "QUARKUS_MANAGEMENT_PORT".equals(e.getName()) && e.getValue() != null)
                .map(EnvVar::getValue).findFirst().orElse(null);
        if (configured != null && management.isPresent() && !configured.equals(String.valueOf(management.get().getContainerPort()))) {
            problem(o, where + ": QUARKUS_MANAGEMENT_PORT is " + configured + " but the container's " + MANAGEMENT_PORT
                    + " port is " + management.get().getContainerPort());
        }
        probe(o, c, c.getStartupProbe(), "startup", STARTED, where);
        probe(o, c, c.getLivenessProbe(), "liveness", LIVE, where);
        probe(o, c, c.getReadinessProbe(), "readiness", READY, where);
    }

    private void probe(Manifests.Obj o, Container c, Probe p, String kind, String path, String where) {
        if (p == null) {
            problem(o, where + " has no " + kind + " probe");
            return;
        }
        if (p.getHttpGet() == null) {
            problem(o, where + ": the " + kind + " probe is not an HTTP GET of " + path);
            return;
        }
        if (!path.equals(p.getHttpGet().getPath())) {
            problem(o, where + ": the " + kind + " probe asks " + p.getHttpGet().getPath() + " instead of " + path);
        }
        Optional<ContainerPort> port = containerPort(c, p.getHttpGet().getPort());
        if (port.isEmpty()) {
            problem(o, where + ": the " + kind + " probe's port " + portText(p.getHttpGet().getPort()) + " is not a port of the container");
        } else if (!MANAGEMENT_PORT.equals(port.get().getName())) {
            problem(o, where + ": the " + kind + " probe uses port " + portText(p.getHttpGet().getPort()) + " instead of the "
                    + MANAGEMENT_PORT + " port (the API port serves no /q/)");
        }
    }

    private static Optional<ContainerPort> containerPort(Container c, IntOrString port) {
        if (port == null || c.getPorts() == null) {
            return Optional.empty();
        }
        return c.getPorts().stream().filter(cp -> port.getIntVal() != null
                ? port.getIntVal().equals(cp.getContainerPort())
                : Objects.equals(port.getStrVal(), cp.getName())).findFirst();
    }

    private static String portText(IntOrString port) {
        return port == null ? "(none)" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private void resources(Manifests.Obj o, ResourceRequirements r, String where) {
        for (String kind : List.of("requests", "limits")) {
            Map<String, Quantity> values = r == null ? null : kind.equals("requests") ? r.getRequests() : r.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (values == null || values.get(resource) == null) {
                    problem(o, where + " has no " + resource + " in its resource " + kind);
                }
            }
        }
        if (r != null && r.getRequests() != null && r.getLimits() != null) {
            for (String resource : List.of("cpu", "memory")) {
                Quantity req = r.getRequests().get(resource);
                Quantity lim = r.getLimits().get(resource);
                if (req != null && lim != null && req.getNumericalAmount().compareTo(lim.getNumericalAmount()) > 0) {
                    problem(o, where + " requests more " + resource + " (" + req + ") than its limit (" + lim + ")");
                }
            }
        }
    }

    private void security(Manifests.Obj o, PodSpec pod, Container c, String where) {
        PodSecurityContext ps = pod.getSecurityContext();
        SecurityContext cs = c.getSecurityContext();
        boolean nonRoot = cs != null && Boolean.TRUE.equals(cs.getRunAsNonRoot())
                || (cs == null || cs.getRunAsNonRoot() == null) && ps != null && Boolean.TRUE.equals(ps.getRunAsNonRoot());
        if (!nonRoot) {
            problem(o, where + " may run as root (runAsNonRoot is not true)");
        }
        if (cs == null || !Boolean.TRUE.equals(cs.getReadOnlyRootFilesystem())) {
            problem(o, where + " has a writable root filesystem (readOnlyRootFilesystem is not true)");
        }
        if (cs == null || !Boolean.FALSE.equals(cs.getAllowPrivilegeEscalation())) {
            problem(o, where + " allows privilege escalation (allowPrivilegeEscalation is not false)");
        }
        if (cs == null || cs.getCapabilities() == null || cs.getCapabilities().getDrop() == null
                || !cs.getCapabilities().getDrop().contains("ALL")) {
            problem(o, where + " keeps Linux capabilities (capabilities.drop lacks ALL)");
        }
        if (cs != null && cs.getCapabilities() != null && cs.getCapabilities().getAdd() != null && !cs.getCapabilities().getAdd().isEmpty()) {
            problem(o, where + " adds capabilities " + cs.getCapabilities().getAdd());
        }
        String seccomp = cs != null && cs.getSeccompProfile() != null ? cs.getSeccompProfile().getType()
                : ps != null && ps.getSeccompProfile() != null ? ps.getSeccompProfile().getType() : null;
        if (!"RuntimeDefault".equals(seccomp)) {
            problem(o, where + " has seccomp profile " + seccomp + " instead of RuntimeDefault");
        }
        if (cs != null && Boolean.TRUE.equals(cs.getPrivileged())) {
            problem(o, where + " is privileged");
        }
    }

    /** With a read-only root, the JVM still needs a writable /tmp; an emptyDir gives it one. */
    private void writableTmp(Manifests.Obj o, PodSpec pod, Container c, String where) {
        Optional<VolumeMount> tmp = c.getVolumeMounts() == null ? Optional.empty()
                : c.getVolumeMounts().stream().filter(v -> "/tmp".equals(v.getMountPath())).findFirst();
        if (tmp.isEmpty()) {
            problem(o, where + " has no writable /tmp (mount an emptyDir there)");
            return;
        }
        Optional<Volume> volume = pod.getVolumes() == null ? Optional.empty()
                : pod.getVolumes().stream().filter(v -> tmp.get().getName().equals(v.getName())).findFirst();
        if (volume.isEmpty() || volume.get().getEmptyDir() == null) {
            problem(o, where + ": /tmp is not an emptyDir volume");
        }
    }

    private void references(Manifests.Obj o, Container c, String where) {
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                configMap(o, where, from.getConfigMapRef().getName(), null);
            }
            if (from.getSecretRef() != null) {
                secret(o, where, from.getSecretRef().getName(), null);
            }
        }
        for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (env.getValueFrom() == null) {
                continue;
            }
            if (env.getValueFrom().getConfigMapKeyRef() != null) {
                configMap(o, where + " env " + env.getName(), env.getValueFrom().getConfigMapKeyRef().getName(),
                        env.getValueFrom().getConfigMapKeyRef().getKey());
            }
            if (env.getValueFrom().getSecretKeyRef() != null) {
                secret(o, where + " env " + env.getName(), env.getValueFrom().getSecretKeyRef().getName(),
                        env.getValueFrom().getSecretKeyRef().getKey());
            }
        }
    }

    private void volumeReferences(Manifests.Obj o, PodSpec pod) {
        for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            if (v.getConfigMap() != null) {
                configMap(o, "volume " + v.getName(), v.getConfigMap().getName(), null);
            }
            if (v.getSecret() != null) {
                secret(o, "volume " + v.getName(), v.getSecret().getSecretName(), null);
            }
        }
    }

    private void configMap(Manifests.Obj o, String where, String name, String key) {
        Manifests.Obj cm = m.find("ConfigMap", o.namespace(), name);
        if (cm == null) {
            problem(o, where + " reads ConfigMap " + name + ", which is not in the render");
        } else if (key != null) {
            ConfigMap typed = m.typed(cm, ConfigMap.class);
            if (typed.getData() == null || !typed.getData().containsKey(key)) {
                problem(o, where + " reads key " + key + " of ConfigMap " + name + ", which has no such key");
            }
        }
    }

    /** A Secret must be in the render or among the documented external ones, with the key it is read by. */
    void secret(Manifests.Obj o, String where, String name, String key) {
        Manifests.Obj rendered = m.find("Secret", o.namespace(), name);
        if (rendered != null) {
            if (key != null && !Yaml.mapAt(rendered.raw(), "data").containsKey(key) && !Yaml.mapAt(rendered.raw(), "stringData").containsKey(key)) {
                problem(o, where + " reads key " + key + " of Secret " + name + ", which has no such key");
            }
            return;
        }
        Set<String> written = KafkaAndPostgresChecks.strimziSecretKeys(m, o.namespace(), name);
        if (written != null) {
            if (key != null && !written.contains(key)) {
                problem(o, where + " reads key " + key + " of Secret " + name + ", which Strimzi writes without it (keys " + written + ")");
            }
            return;
        }
        KnownSecrets.Entry known = secrets.byName().get(name);
        if (known == null) {
            problem(o, where + " reads Secret " + name + ", which is neither in the render nor in external-secrets.txt");
        } else if (key != null && !known.keys().contains(key)) {
            problem(o, where + " reads key " + key + " of Secret " + name + ", which external-secrets.txt does not list");
        }
    }

    /** Services in the Deployment's namespace that select its pods and forward to one of its container ports. */
    private List<Manifests.Obj> servicesFor(Manifests.Obj deployment, PodSpec pod) {
        Map<String, Object> labels = podLabels(deployment);
        List<Manifests.Obj> found = new ArrayList<>();
        for (Manifests.Obj so : m.kind("Service")) {
            if (!so.sameNamespace(deployment)) {
                continue;
            }
            Service s = m.typed(so, Service.class);
            if (s.getSpec() == null || !Manifests.selects(Yaml.mapAt(so.raw(), "spec", "selector"), labels)) {
                continue;
            }
            boolean portMatches = s.getSpec().getPorts() != null && s.getSpec().getPorts().stream().anyMatch(sp -> {
                IntOrString target = sp.getTargetPort() != null ? sp.getTargetPort() : new IntOrString(sp.getPort());
                return pod.getContainers().stream().anyMatch(c -> containerPort(c, target).isPresent());
            });
            if (portMatches) {
                found.add(so);
            }
        }
        return found;
    }

    /** Whether a ServiceMonitor selects this Service and scrapes /q/metrics from its port to the management port. */
    private boolean monitored(Manifests.Obj service) {
        Set<String> portNames = new HashSet<>(managementServicePorts(service));
        return m.kind("ServiceMonitor").stream()
                .filter(sm -> monitorsNamespace(sm, service.namespace()))
                .filter(sm -> Manifests.selects(Yaml.mapAt(sm.raw(), "spec", "selector", "matchLabels"), service.labels()))
                .anyMatch(sm -> Yaml.listAt(sm.raw(), "spec", "endpoints").stream().map(Yaml::map)
                        .anyMatch(ep -> portNames.contains(String.valueOf(ep.get("port"))) && METRICS.equals(ep.get("path"))));
    }

    /** The names of the Service's ports that forward to the container port named {@link #MANAGEMENT_PORT}. */
    private Set<String> managementServicePorts(Manifests.Obj service) {
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (Manifests.Obj d : m.kind("Deployment")) {
            if (d.sameNamespace(service) && Manifests.selects(Yaml.mapAt(service.raw(), "spec", "selector"), podLabels(d))) {
                for (Container c : Optional.ofNullable(m.typed(d, Deployment.class).getSpec().getTemplate().getSpec().getContainers()).orElse(List.of())) {
                    containerPort(c, new IntOrString(MANAGEMENT_PORT)).ifPresent(cp -> numbers.add(cp.getContainerPort()));
                }
            }
        }
        for (ServicePort sp : Optional.ofNullable(m.typed(service, Service.class).getSpec().getPorts()).orElse(List.of())) {
            IntOrString target = sp.getTargetPort() != null ? sp.getTargetPort() : new IntOrString(sp.getPort());
            boolean management = target.getIntVal() != null ? numbers.contains(target.getIntVal()) : MANAGEMENT_PORT.equals(target.getStrVal());
            if (management && sp.getName() != null) {
                names.add(sp.getName());
            }
        }
        return names;
    }

    /** A PodMonitor of a service's pods scrapes its management port, which alone serves /q/metrics. */
    private void podMonitors(Manifests.Obj deployment) {
        for (Manifests.Obj pm : m.kind("PodMonitor")) {
            if (!monitorsNamespace(pm, deployment.namespace())
                    || !Manifests.selects(Yaml.mapAt(pm.raw(), "spec", "selector", "matchLabels"), podLabels(deployment))) {
                continue;
            }
            for (Object ep : Yaml.listAt(pm.raw(), "spec", "podMetricsEndpoints")) {
                Object port = Yaml.map(ep).get("port");
                if (!MANAGEMENT_PORT.equals(port)) {
                    problem(pm, "scrapes port " + port + " of the pods of " + deployment.name() + " instead of their " + MANAGEMENT_PORT + " port");
                }
            }
        }
    }

    private static boolean monitorsNamespace(Manifests.Obj monitor, String namespace) {
        Map<String, Object> nsSel = Yaml.mapAt(monitor.raw(), "spec", "namespaceSelector");
        if (Boolean.TRUE.equals(nsSel.get("any"))) {
            return true;
        }
        List<Object> names = Yaml.listAt(nsSel, "matchNames");
        return names.isEmpty() ? Objects.equals(monitor.namespace(), namespace) : names.contains(namespace);
    }

    // ---- Autoscalers and disruption budgets ----

    private void autoscalers() {
        for (Manifests.Obj o : m.kind("HorizontalPodAutoscaler")) {
            HorizontalPodAutoscaler h = m.typed(o, HorizontalPodAutoscaler.class);
            if (!"autoscaling/v2".equals(o.apiVersion())) {
                problem(o, "uses " + o.apiVersion() + " instead of autoscaling/v2");
            }
            if (h.getSpec() == null || h.getSpec().getScaleTargetRef() == null) {
                problem(o, "has no scaleTargetRef");
                continue;
            }
            String kind = h.getSpec().getScaleTargetRef().getKind();
            String name = h.getSpec().getScaleTargetRef().getName();
            if (m.find(kind, o.namespace(), name) == null) {
                problem(o, "scales " + kind + " " + name + ", which is not in the render");
            }
            Integer min = h.getSpec().getMinReplicas();
            Integer max = h.getSpec().getMaxReplicas();
            if (min == null || min < 1) {
                problem(o, "has minReplicas " + min + "; at least 1 is needed to keep the service up");
            }
            if (max == null || min != null && max < min) {
                problem(o, "has maxReplicas " + max + " below minReplicas " + min);
            }
            if (h.getSpec().getMetrics() == null || h.getSpec().getMetrics().isEmpty()) {
                problem(o, "has no metric to scale on");
            }
        }
    }

    private void disruptionBudgets() {
        for (Manifests.Obj o : m.kind("PodDisruptionBudget")) {
            PodDisruptionBudget p = m.typed(o, PodDisruptionBudget.class);
            Map<String, Object> selector = Yaml.mapAt(o.raw(), "spec", "selector", "matchLabels");
            List<Manifests.Obj> targets = m.kind("Deployment").stream()
                    .filter(d -> d.sameNamespace(o) && Manifests.selects(selector, podLabels(d))).toList();
            if (targets.isEmpty()) {
                problem(o, "selects the pods of no Deployment in the render");
            }
            if (p.getSpec().getMinAvailable() == null && p.getSpec().getMaxUnavailable() == null) {
                problem(o, "sets neither minAvailable nor maxUnavailable");
            }
            IntOrString minAvailable = p.getSpec().getMinAvailable();
            for (Manifests.Obj d : targets) {
                Integer replicas = m.typed(d, Deployment.class).getSpec().getReplicas();
                if (minAvailable != null && minAvailable.getIntVal() != null && replicas != null && minAvailable.getIntVal() >= replicas) {
                    problem(o, "keeps minAvailable " + minAvailable.getIntVal() + " of " + replicas + " replicas of " + d.name()
                            + ": no node could ever be drained");
                }
            }
        }
    }

    private void serviceMonitors() {
        for (Manifests.Obj o : m.kind("ServiceMonitor")) {
            Map<String, Object> selector = Yaml.mapAt(o.raw(), "spec", "selector", "matchLabels");
            boolean selectsSomething = m.kind("Service").stream()
                    .anyMatch(s -> monitorsNamespace(o, s.namespace()) && Manifests.selects(selector, s.labels()));
            if (!selectsSomething) {
                problem(o, "selects no Service in the render");
            }
            if (Yaml.listAt(o.raw(), "spec", "endpoints").isEmpty()) {
                problem(o, "has no endpoints to scrape");
            }
            for (Manifests.Obj service : m.kind("Service")) {
                Set<String> management = managementServicePorts(service);
                if (management.isEmpty() || !monitorsNamespace(o, service.namespace()) || !Manifests.selects(selector, service.labels())) {
                    continue;
                }
                for (Object ep : Yaml.listAt(o.raw(), "spec", "endpoints")) {
                    Object port = Yaml.map(ep).get("port");
                    if (!management.contains(String.valueOf(port))) {
                        problem(o, "scrapes port " + port + " of Service " + service.name() + ", which is not its " + MANAGEMENT_PORT + " port");
                    }
                }
            }
        }
    }

    // ---- Ingress: only the gateway and the web app are public, every backend resolves, TLS covers every host ----

    private void ingresses() {
        for (Manifests.Obj o : m.kind("Ingress")) {
            Ingress ing = m.typed(o, Ingress.class);
            if (ing.getSpec() == null || ing.getSpec().getRules() == null || ing.getSpec().getRules().isEmpty()) {
                problem(o, "has no rules");
                continue;
            }
            List<IngressBackend> backends = new ArrayList<>();
            if (ing.getSpec().getDefaultBackend() != null) {
                backends.add(ing.getSpec().getDefaultBackend());
            }
            for (IngressRule rule : ing.getSpec().getRules()) {
                if (rule.getHttp() != null) {
                    rule.getHttp().getPaths().forEach(p -> {
                        backends.add(p.getBackend());
                        Optional<String> exposed = OPERATOR_PATHS.stream().filter(q -> covers(p.getPath(), p.getPathType(), q)).findFirst()
                                .or(() -> Optional.ofNullable(p.getPath()).filter(path -> path.startsWith("/q")).map(path -> "/q/"));
                        exposed.ifPresent(q -> problem(o, "path " + p.getPath() + " of " + rule.getHost() + " exposes " + q
                                + " (metrics with per-tenant counters, probes, OpenAPI) to the outside"));
                    });
                }
            }
            for (IngressBackend b : backends) {
                if (b.getService() == null) {
                    problem(o, "has a backend that is not a Service");
                    continue;
                }
                String name = b.getService().getName();
                if (!PUBLIC_SERVICES.contains(name)) {
                    problem(o, "routes to " + name + "; only the gateway and web Services may be reachable from outside");
                }
                Manifests.Obj so = m.find("Service", o.namespace(), name);
                if (so == null) {
                    problem(o, "routes to Service " + name + ", which is not in the render");
                    continue;
                }
                var port = b.getService().getPort();
                boolean portExists = port != null && Optional.ofNullable(m.typed(so, Service.class).getSpec().getPorts()).orElse(List.of()).stream()
                        .anyMatch(sp -> port.getNumber() != null ? port.getNumber().equals(sp.getPort()) : Objects.equals(port.getName(), sp.getName()));
                if (!portExists) {
                    problem(o, "routes to port " + (port == null ? "(none)" : port.getNumber() != null ? port.getNumber() : port.getName())
                            + " of Service " + name + ", which has no such port");
                } else {
                    boolean management = Optional.ofNullable(m.typed(so, Service.class).getSpec().getPorts()).orElse(List.of()).stream()
                            .filter(sp -> port.getNumber() != null ? port.getNumber().equals(sp.getPort()) : Objects.equals(port.getName(), sp.getName()))
                            .anyMatch(sp -> managementServicePorts(so).contains(sp.getName()));
                    if (management) {
                        problem(o, "routes to the " + MANAGEMENT_PORT + " port of Service " + name + ": /q/ must stay inside the cluster");
                    }
                }
            }
            List<String> tlsHosts = new ArrayList<>();
            for (IngressTLS tls : Optional.ofNullable(ing.getSpec().getTls()).orElse(List.of())) {
                tlsHosts.addAll(Optional.ofNullable(tls.getHosts()).orElse(List.of()));
                if (tls.getSecretName() != null) {
                    secret(o, "tls", tls.getSecretName(), "tls.crt");
                }
            }
            for (IngressRule rule : ing.getSpec().getRules()) {
                if (rule.getHost() != null && !tlsHosts.contains(rule.getHost())) {
                    problem(o, "serves " + rule.getHost() + " without TLS");
                }
            }
        }
    }

    /** Whether an Ingress path matches {@code request}: Prefix (and ImplementationSpecific) match whole path elements. */
    static boolean covers(String path, String pathType, String request) {
        String p = path == null || path.isEmpty() ? "/" : path;
        if ("Exact".equals(pathType)) {
            return p.equals(request);
        }
        if (p.equals("/")) {
            return true;
        }
        String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        return request.equals(trimmed) || request.startsWith(trimmed + "/");
    }

    // ---- Images: every one pinned ----

    private void images() {
        for (Manifests.Obj o : m.objects) {
            walkImages(o, o.raw(), "");
        }
    }

    private void walkImages(Manifests.Obj o, Object node, String path) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if ((key.equals("image") || key.equals("imageName")) && e.getValue() instanceof String image) {
                    String why = Images.unpinned(image);
                    if (why != null) {
                        problem(o, "image " + image + " at " + path + "." + key + " is not pinned: it " + why);
                    }
                } else {
                    walkImages(o, e.getValue(), path + "." + key);
                }
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walkImages(o, l.get(i), path + "[" + i + "]");
            }
        }
    }

    // ---- NetworkPolicies: a default deny in every namespace that runs workloads ----

    private void defaultDeny() {
        Set<String> namespaces = new java.util.TreeSet<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        m.kind("Deployment").forEach(d -> namespaces.add(d.namespace()));
        for (String ns : namespaces) {
            boolean ingress = false;
            boolean egress = false;
            for (Manifests.Obj o : m.kind("NetworkPolicy")) {
                if (!Objects.equals(ns, o.namespace())) {
                    continue;
                }
                NetworkPolicy np = m.typed(o, NetworkPolicy.class);
                boolean all = np.getSpec().getPodSelector() != null
                        && (np.getSpec().getPodSelector().getMatchLabels() == null || np.getSpec().getPodSelector().getMatchLabels().isEmpty())
                        && (np.getSpec().getPodSelector().getMatchExpressions() == null || np.getSpec().getPodSelector().getMatchExpressions().isEmpty());
                List<String> types = Optional.ofNullable(np.getSpec().getPolicyTypes()).orElse(List.of());
                if (all && types.contains("Ingress") && (np.getSpec().getIngress() == null || np.getSpec().getIngress().isEmpty())) {
                    ingress = true;
                }
                if (all && types.contains("Egress") && (np.getSpec().getEgress() == null || np.getSpec().getEgress().isEmpty())) {
                    egress = true;
                }
            }
            if (!ingress || !egress) {
                out.add("namespace " + ns + ": no default-deny NetworkPolicy for " + (!ingress && !egress ? "ingress and egress" : !ingress ? "ingress" : "egress"));
            }
        }
    }

    // ---- Service URLs in configuration point at Services and ports that exist ----

    private void serviceUrls() {
        for (Manifests.Obj o : m.kind("ConfigMap")) {
            for (Map.Entry<String, Object> e : Yaml.mapAt(o.raw(), "data").entrySet()) {
                if (!(e.getKey().startsWith("IPSC_UPSTREAM_") || e.getKey().equals("IPSC_JWT_JWKS_URL"))) {
                    continue;
                }
                Matcher u = SERVICE_URL.matcher(String.valueOf(e.getValue()));
                if (!u.matches()) {
                    problem(o, e.getKey() + "=" + e.getValue() + " is not an http URL of a Service in the namespace");
                    continue;
                }
                Manifests.Obj so = m.find("Service", o.namespace(), u.group(1));
                if (so == null) {
                    problem(o, e.getKey() + " points at Service " + u.group(1) + ", which is not in the render");
                    continue;
                }
                int port = u.group(2) == null ? 80 : Integer.parseInt(u.group(2));
                boolean exists = Optional.ofNullable(m.typed(so, Service.class).getSpec().getPorts()).orElse(List.of()).stream()
                        .anyMatch(sp -> sp.getPort() == port);
                if (!exists) {
                    problem(o, e.getKey() + " points at port " + port + " of Service " + u.group(1) + ", which has no such port");
                }
            }
        }
    }
}

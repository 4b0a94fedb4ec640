package io.ipsc.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes NetworkPolicy semantics for traffic between pods: a connection goes through when the
 * source's egress policies allow it and the destination's ingress policies allow it; a pod that no
 * policy of a direction selects is open in that direction. IP blocks are out of scope (no pod
 * matches them), which only ever makes this model stricter than a cluster.
 */
final class NetworkPolicyModel {

    /** A pod as the policies see it: where it runs, its labels, its namespace's labels and its named ports. */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {

        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    private final List<NetworkPolicy> policies;

    NetworkPolicyModel(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allows(Pod from, Pod to, int port, String protocol) {
        return egressAllows(from, to, port, protocol) && ingressAllows(to, from, port, protocol);
    }

    private boolean ingressAllows(Pod to, Pod from, int port, String protocol) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), to.namespace()))
                .filter(p -> types(p).contains("Ingress") && matches(p.getSpec().getPodSelector(), to.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream()
                        .map(rule -> rule.getFrom() == null || rule.getFrom().isEmpty()
                                ? portsMatch(rule.getPorts(), to, port, protocol)
                                : rule.getFrom().stream().anyMatch(peer -> peerMatches(peer, p.getMetadata().getNamespace(), from))
                                  && portsMatch(rule.getPorts(), to, port, protocol)))
                .anyMatch(Boolean::booleanValue);
    }

    private boolean egressAllows(Pod from, Pod to, int port, String protocol) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), from.namespace()))
                .filter(p -> types(p).contains("Egress") && matches(p.getSpec().getPodSelector(), from.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream()
                        .map(rule -> rule.getTo() == null || rule.getTo().isEmpty()
                                ? portsMatch(rule.getPorts(), to, port, protocol)
                                : rule.getTo().stream().anyMatch(peer -> peerMatches(peer, p.getMetadata().getNamespace(), to))
                                  && portsMatch(rule.getPorts(), to, port, protocol)))
                .anyMatch(Boolean::booleanValue);
    }

    /** policyTypes, or what Kubernetes assumes without them: Ingress always, Egress when egress rules exist. */
    private static List<String> types(NetworkPolicy p) {
        if (p.getSpec().getPolicyTypes() != null && !p.getSpec().getPolicyTypes().isEmpty()) {
            return p.getSpec().getPolicyTypes();
        }
        return p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty() ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean peerMatches(NetworkPolicyPeer peer, String policyNamespace, Pod pod) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null
                ? Objects.equals(policyNamespace, pod.namespace())
                : matches(peer.getNamespaceSelector(), pod.namespaceLabels());
        boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels());
        return namespaceOk && podOk;
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Pod to, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            String proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!proto.equals(protocol)) {
                return false;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                int end = p.getEndPort() == null ? value.getIntVal() : p.getEndPort();
                return port >= value.getIntVal() && port <= end;
            }
            return Objects.equals(to.namedPorts().get(value.getStrVal()), port);
        });
    }

    /** A label selector: an empty one matches everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            String value = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

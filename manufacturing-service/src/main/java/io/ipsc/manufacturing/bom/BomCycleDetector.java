package io.ipsc.manufacturing.bom;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the cycle that adding a component would close. Products link through their active default
 * BOMs, so adding {@code componentProductId} to a BOM of product P closes a cycle exactly when P is
 * the component itself or can be reached from it through sub-assemblies.
 */
public final class BomCycleDetector {

    private BomCycleDetector() {
    }

    /** The product path of the cycle (P → component → … → P), or empty when the component is safe to add. */
    public static Optional<List<Long>> cycleIfAdded(BomGraph graph, long parentProductId, long componentProductId) {
        List<Long> path = new ArrayList<>();
        path.add(parentProductId);
        if (reaches(graph, componentProductId, parentProductId, path, new HashSet<>())) {
            return Optional.of(path);
        }
        return Optional.empty();
    }

    /** Depth-first from {@code product}; on success {@code path} ends with {@code target}. */
    private static boolean reaches(BomGraph graph, long product, long target, List<Long> path, Set<Long> visited) {
        path.add(product);
        if (product == target) {
            return true;
        }
        if (visited.add(product)) {
            Optional<BomGraph.Node> bom = graph.subAssembly(product);
            if (bom.isPresent()) {
                for (BomGraph.Component component : bom.get().components()) {
                    if (reaches(graph, component.productId(), target, path, visited)) {
                        return true;
                    }
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }
}

package io.ipsc.web.admin;

import io.ipsc.client.model.ClusterView;
import io.ipsc.client.model.MoveView;
import io.ipsc.client.model.ServiceMove;
import io.ipsc.client.model.TenantView;
import io.ipsc.web.format.IndianFormats;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tenant's database cluster on its console page: where its databases are, the move under way (each service's
 * step, refreshed while it runs), the clusters it could move to, and its earlier moves.
 *
 * @param current the move under way, or null
 * @param targets the open clusters other than its own with a free place, as the move's choices
 * @param problem why a move asked for just now was refused (the API's sentence), or null
 * @param done what a move asked for just now started, or null
 */
public record PlacementView(String slug, String cluster, MoveRow current, List<Target> targets, List<MoveRow> moves,
                            String problem, String done) {

    /** The earlier moves shown; the API lists them newest first. */
    static final int MOVES_SHOWN = 5;
    /** A move's state while it runs (tenant-service's {@code TenantMove.MOVING}). */
    static final String MOVING = "moving";

    public record Target(String name, long free) {
    }

    /** One move: from, to, its state, when it began and how long it took, and each service's step. */
    public record MoveRow(String from, String to, String state, String started, String took, String error, List<ServiceStep> services) {

        public boolean moving() {
            return MOVING.equals(state);
        }

        public boolean failed() {
            return "failed".equals(state);
        }
    }

    /** A service's step in a move, as a person reads it: "copying", "catching up", "switched". */
    public record ServiceStep(String service, String state, String detail, boolean done, boolean failed) {
    }

    static PlacementView of(TenantView tenant, List<MoveView> moves, List<ClusterView> clusters, String problem, String done) {
        String cluster = tenant.getPlacement() == null ? null : tenant.getPlacement().getCluster();
        MoveRow current = tenant.getMove() != null && MOVING.equals(tenant.getMove().getState()) ? row(tenant.getMove()) : null;
        List<Target> targets = clusters.stream()
                .filter(c -> "open".equals(c.getState()) && !Objects.equals(c.getName(), cluster) && c.getFree() != null && c.getFree() > 0)
                .map(c -> new Target(c.getName(), c.getFree())).toList();
        List<MoveRow> earlier = moves.stream().filter(m -> !MOVING.equals(m.getState())).limit(MOVES_SHOWN).map(PlacementView::row).toList();
        return new PlacementView(tenant.getSlug(), cluster, current, targets, earlier, problem, done);
    }

    static MoveRow row(MoveView move) {
        String took = move.getStartedAt() == null || move.getFinishedAt() == null ? null
                : seconds(Duration.between(move.getStartedAt(), move.getFinishedAt()));
        Map<String, ServiceMove> services = new TreeMap<>(move.getServices() == null ? Map.of() : move.getServices());
        List<ServiceStep> steps = services.entrySet().stream().map(s -> step(s.getKey(), s.getValue())).toList();
        return new MoveRow(move.getFromCluster(), move.getToCluster(), move.getState(), IndianFormats.dateTime(move.getStartedAt()), took,
                move.getError(), steps);
    }

    private static ServiceStep step(String service, ServiceMove move) {
        String state = move == null || move.getState() == null ? "waiting" : move.getState();
        return new ServiceStep(service, state.replace('_', ' '), move == null ? null : move.getDetail(), "switched".equals(state), "failed".equals(state));
    }

    /** "4 s", "1 min 12 s": a move takes seconds to minutes. */
    private static String seconds(Duration took) {
        long s = Math.max(0, took.toSeconds());
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}

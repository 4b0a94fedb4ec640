package io.ipsc.web.clinic;

import io.ipsc.client.model.Treatment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The dental chart drawn on a patient's page: the 32 permanent and 20 primary teeth by FDI number, as a dentist
 * reads an occlusal chart (the patient facing the reader: their right on the left; the upper arch above, incisors
 * at the top, the lower below, incisors at the bottom; the primary arches inside the permanent ones). Each tooth
 * is coloured by the treatments the API records on it. Only positions are computed here, in SVG units.
 */
public record Odontogram(List<Tooth> teeth, Integer selected) {

    static final int WIDTH = 640;
    static final int HEIGHT = 700;
    private static final double CX = WIDTH / 2.0;
    /** The upper arches curve around this centre, the lower around the second: a gap between the jaws. */
    private static final double UPPER_CY = 310;
    private static final double LOWER_CY = 400;

    /** A tooth to draw: its FDI number, centre, radius, name, and what the API records on it ({@code state}). */
    public record Tooth(int fdi, String x, String y, String r, String labelY, String name, String state, boolean selected,
                        boolean primary, int treatments) {

        /** What a screen reader says for the tooth's link. */
        public String description() {
            String done = switch (state) {
                case "completed" -> ", treated";
                case "planned" -> ", treatment planned";
                default -> "";
            };
            return "Tooth " + fdi + ", " + name + done;
        }
    }

    public static Odontogram of(List<Treatment> treatments, Integer selected) {
        Map<Integer, List<Treatment>> byTooth = byTooth(treatments);
        List<Tooth> teeth = new ArrayList<>();
        // Permanent quadrants 1-4 with 8 teeth, primary 5-8 with 5.
        for (int quadrant = 1; quadrant <= 8; quadrant++) {
            boolean primary = quadrant > 4;
            int count = primary ? 5 : 8;
            for (int position = 1; position <= count; position++) {
                int fdi = quadrant * 10 + position;
                teeth.add(place(fdi, quadrant, position, primary, byTooth.getOrDefault(fdi, List.of()), Objects.equals(selected, fdi)));
            }
        }
        return new Odontogram(List.copyOf(teeth), selected);
    }

    /** The treatments on each tooth; those without a tooth are not on the chart. */
    static Map<Integer, List<Treatment>> byTooth(List<Treatment> treatments) {
        Map<Integer, List<Treatment>> byTooth = new TreeMap<>();
        for (Treatment t : treatments) {
            if (t.getTooth() != null) {
                byTooth.computeIfAbsent(t.getTooth(), k -> new ArrayList<>()).add(t);
            }
        }
        return byTooth;
    }

    /** Planned work still to do outweighs work done: a tooth with both is shown as planned. */
    static String state(List<Treatment> onTooth) {
        if (onTooth.stream().anyMatch(t -> "planned".equals(t.getStatus()))) {
            return "planned";
        }
        return onTooth.stream().anyMatch(t -> "completed".equals(t.getStatus())) ? "completed" : "none";
    }

    private static Tooth place(int fdi, int quadrant, int position, boolean primary, List<Treatment> onTooth, boolean selected) {
        int q = primary ? quadrant - 4 : quadrant;
        boolean upper = q == 1 || q == 2;
        // The patient's right (quadrants 1 and 4) is on the reader's left.
        int side = q == 1 || q == 4 ? -1 : 1;
        double rx = primary ? 150 : 262;
        double ry = primary ? 150 : 262;
        // From the midline (incisors) round to the back of the jaw; the angle is measured from the vertical.
        double degrees = primary ? 9 + (position - 1) * 19.5 : 5.5 + (position - 1) * 12.4;
        double phi = Math.toRadians(degrees);
        double x = CX + side * rx * Math.sin(phi);
        double y = upper ? UPPER_CY - ry * Math.cos(phi) : LOWER_CY + ry * Math.cos(phi);
        double r = primary ? 17 : switch (position) {
            case 1, 2 -> 19;
            case 3 -> 20;
            case 4, 5 -> 21;
            default -> 24;
        };
        return new Tooth(fdi, num(x), num(y), num(r), num(y + (primary ? 4 : 5)), name(fdi), state(onTooth), selected, primary, onTooth.size());
    }

    /** 16 → "upper right first molar"; 75 → "lower left second primary molar". */
    static String name(int fdi) {
        int quadrant = fdi / 10;
        int position = fdi % 10;
        boolean primary = quadrant > 4;
        int q = primary ? quadrant - 4 : quadrant;
        String where = switch (q) {
            case 1 -> "upper right";
            case 2 -> "upper left";
            case 3 -> "lower left";
            default -> "lower right";
        };
        String kind = primary
                ? switch (position) {
                    case 1 -> "primary central incisor";
                    case 2 -> "primary lateral incisor";
                    case 3 -> "primary canine";
                    case 4 -> "first primary molar";
                    default -> "second primary molar";
                }
                : switch (position) {
                    case 1 -> "central incisor";
                    case 2 -> "lateral incisor";
                    case 3 -> "canine";
                    case 4 -> "first premolar";
                    case 5 -> "second premolar";
                    case 6 -> "first molar";
                    case 7 -> "second molar";
                    default -> "third molar";
                };
        return where + " " + kind;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    /** Where the arch captions go: the centre line and the gap between the jaws. */
    public int centre() {
        return WIDTH / 2;
    }

    public int gap() {
        return (int) ((UPPER_CY + LOWER_CY) / 2);
    }

    /** The captions' baselines just above and below the gap between the jaws. */
    public int aboveGap() {
        return gap() - 10;
    }

    public int belowGap() {
        return gap() + 24;
    }

    /** "Right" and "Left" sit in the gap itself, clear of the third molars. */
    public int besideGap() {
        return gap() + 5;
    }

    /** The axes' ends and the right-hand caption, a margin in from the edges. */
    public int bottom() {
        return HEIGHT - 8;
    }

    public int right() {
        return WIDTH - 8;
    }

    public int rightText() {
        return WIDTH - 14;
    }
}

package io.ipsc.web.clinic;

import io.ipsc.client.model.Treatment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OdontogramTest {

    @Test
    void everyPermanentAndPrimaryToothIsOnTheChartOnce() {
        Set<Integer> expected = new TreeSet<>();
        for (int q = 1; q <= 8; q++) {
            for (int p = 1; p <= (q > 4 ? 5 : 8); p++) {
                expected.add(q * 10 + p);
            }
        }
        List<Odontogram.Tooth> teeth = Odontogram.of(List.of(), null).teeth();
        assertEquals(52, teeth.size());
        assertEquals(expected, teeth.stream().map(Odontogram.Tooth::fdi).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void noToothOverlapsAnotherAndAllAreInsideTheDrawing() {
        List<Odontogram.Tooth> teeth = Odontogram.of(List.of(), null).teeth();
        for (Odontogram.Tooth a : teeth) {
            double ax = Double.parseDouble(a.x()), ay = Double.parseDouble(a.y()), ar = Double.parseDouble(a.r());
            assertTrue(ax - ar >= 0 && ax + ar <= Odontogram.WIDTH && ay - ar >= 0 && ay + ar <= Odontogram.HEIGHT, "tooth " + a.fdi());
            for (Odontogram.Tooth b : teeth) {
                if (a.fdi() < b.fdi()) {
                    double d = Math.hypot(ax - Double.parseDouble(b.x()), ay - Double.parseDouble(b.y()));
                    assertTrue(d > ar + Double.parseDouble(b.r()), "teeth " + a.fdi() + " and " + b.fdi() + " overlap");
                }
            }
        }
    }

    @Test
    void theChartIsReadAsTheDentistFacesThePatient() {
        var chart = Odontogram.of(List.of(), null);
        var t18 = tooth(chart, 18);
        var t28 = tooth(chart, 28);
        var t11 = tooth(chart, 11);
        var t41 = tooth(chart, 41);
        // The patient's right on the reader's left; upper incisors at the top, lower at the bottom.
        assertTrue(Double.parseDouble(t18.x()) < Double.parseDouble(t28.x()));
        assertTrue(Double.parseDouble(t11.y()) < Double.parseDouble(t18.y()));
        assertTrue(Double.parseDouble(t41.y()) > Double.parseDouble(tooth(chart, 48).y()));
        assertTrue(Double.parseDouble(tooth(chart, 31).x()) > Double.parseDouble(t41.x()));
        assertEquals("lower left first molar", Odontogram.name(36));
        assertEquals("upper right central incisor", Odontogram.name(11));
        assertEquals("lower right second primary molar", Odontogram.name(85));
        assertEquals("upper left primary canine", Odontogram.name(63));
    }

    @Test
    void aToothIsColouredByWhatTheApiRecordsOnIt() {
        Treatment done = new Treatment().id(1L).tooth(36).status("completed");
        Treatment planned = new Treatment().id(2L).tooth(11).status("planned");
        Treatment both = new Treatment().id(3L).tooth(36).status("planned");
        Treatment noTooth = new Treatment().id(4L).status("completed");
        var chart = Odontogram.of(List.of(done, planned, noTooth), 36);
        assertEquals("completed", tooth(chart, 36).state());
        assertTrue(tooth(chart, 36).selected());
        assertEquals("planned", tooth(chart, 11).state());
        assertEquals("none", tooth(chart, 46).state());
        assertEquals("Tooth 36, lower left first molar, treated", tooth(chart, 36).description());
        assertEquals("planned", tooth(Odontogram.of(List.of(done, both), null), 36).state(), "work still to do shows");
    }

    private static Odontogram.Tooth tooth(Odontogram chart, int fdi) {
        return chart.teeth().stream().filter(t -> t.fdi() == fdi).findFirst().orElseThrow();
    }
}

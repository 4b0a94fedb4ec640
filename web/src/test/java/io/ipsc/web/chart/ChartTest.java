package io.ipsc.web.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTest {

    @Test
    void writesTheContractOfChartsJs() throws Exception {
        Chart chart = Chart.bars("ms", List.of("invoicing", "dental \"clinic\""),
                List.of(Chart.Series.of("p50", Arrays.asList(12.5, null)), new Chart.Series("p95", "line", List.of(40, 7))))
                .horizontally();
        JsonNode spec = new ObjectMapper().readTree(chart.json());
        assertEquals("bar", spec.path("type").asText());
        assertEquals("ms", spec.path("unit").asText());
        assertTrue(spec.path("horizontal").asBoolean());
        assertEquals("dental \"clinic\"", spec.path("labels").get(1).asText());
        assertEquals(12.5, spec.path("series").get(0).path("values").get(0).asDouble());
        assertTrue(spec.path("series").get(0).path("values").get(1).isNull(), "a missing value stays null");
        assertFalse(spec.path("series").get(0).has("type"), "a series without a type takes the chart's");
        assertEquals("line", spec.path("series").get(1).path("type").asText());
        assertFalse(chart.empty());
        assertFalse(spec.has("links"), "a chart without links is not clickable");
    }

    @Test
    void linksGoOnePerLabelAndSurviveTurningHorizontal() throws Exception {
        Chart chart = Chart.bars(Chart.RUPEES, List.of("0–30 days", "Over 90 days"), List.of(Chart.Series.of("Owed", List.of(1180, 4720))))
                .linkedTo(List.of("/t/acme/cashflow/invoices?ageing=0-30", "/t/acme/cashflow/invoices?ageing=90%2B")).horizontally();
        JsonNode links = new ObjectMapper().readTree(chart.json()).path("links");
        assertEquals(2, links.size());
        assertEquals("/t/acme/cashflow/invoices?ageing=90%2B", links.get(1).asText());
        assertThrows(IllegalArgumentException.class, () -> chart.linkedTo(List.of("/only-one")));
    }

    @Test
    void aSeriesMayCarryItsOwnLinksOnePerValue() throws Exception {
        Chart chart = Chart.bars(Chart.RUPEES, List.of("Oct 2026", "Nov 2026"), List.of(
                Chart.Series.of("Money in", List.of(0, 1180)).linkedTo(List.of("/in?month=2026-10", "/in?month=2026-11")),
                Chart.Series.of("Money out", List.of(90, 0))));
        JsonNode spec = new ObjectMapper().readTree(chart.json());
        assertEquals("/in?month=2026-11", spec.path("series").get(0).path("links").get(1).asText());
        assertFalse(spec.path("series").get(1).has("links"), "a series without links of its own falls back on the chart's");
        assertFalse(spec.has("links"));
        Chart relinked = chart.withSeries(List.of(chart.series().get(1).linkedTo(List.of("/out?month=2026-10", "/out?month=2026-11"))));
        assertEquals(1, new ObjectMapper().readTree(relinked.json()).path("series").size());
        assertThrows(IllegalArgumentException.class, () -> Chart.Series.of("in", List.of(1, 2)).linkedTo(List.of("/one")));
    }

    @Test
    void aChartWithoutLabelsOrValuesIsEmpty() {
        assertTrue(Chart.lines(Chart.RUPEES, List.of(), List.of(Chart.Series.of("in", List.of()))).empty());
        assertTrue(Chart.lines(Chart.RUPEES, List.of("Jan"), List.of(Chart.Series.of("in", List.of()))).empty());
        assertEquals("", new Chart("line", null, false, List.of(), List.of()).json().replaceAll(".*\"unit\":\"([^\"]*)\".*", "$1"));
    }
}

package io.ipsc.web.factory;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.Bom;
import io.ipsc.client.model.ComponentLine;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A BOM's components through every level, as the page nests them: a sub-assembly (the API marks it, its
 * product having an active default BOM of its own) opens onto that BOM's components. The tree is written
 * as a flat run of rows ({@code open} a sub-assembly, {@code leaf}, {@code close}) because a Qute template
 * loops but does not recurse. Quantities are per unit of the level above, as the BOMs say them; what N
 * units need in all is the API's explosion, shown beside it.
 */
public record BomTree(List<Row> rows) {

    /** Deep enough for any real product; the API refuses cycles, this only keeps a bad answer from looping. */
    static final int MAX_DEPTH = 12;

    public enum Kind { OPEN, LEAF, CLOSE }

    public record Row(Kind kind, int level, String product, String quantity, String scrap, String unitCost, String bomCode, Long bomId) {

        public boolean open() {
            return kind == Kind.OPEN;
        }

        public boolean close() {
            return kind == Kind.CLOSE;
        }
    }

    static BomTree of(Gateway gateway, String slug, Map<String, String> bearer, Bom bom, ProductChoices products)
            throws ApiException {
        List<Row> rows = new ArrayList<>();
        Set<Long> path = new HashSet<>();
        path.add(bom.getProductId());
        add(gateway, slug, bearer, bom, products, 1, path, rows);
        return new BomTree(List.copyOf(rows));
    }

    private static void add(Gateway gateway, String slug, Map<String, String> bearer, Bom bom, ProductChoices products, int level,
                            Set<Long> path, List<Row> rows) throws ApiException {
        for (ComponentLine c : bom.getComponents() == null ? List.<ComponentLine>of() : bom.getComponents()) {
            Bom sub = Boolean.TRUE.equals(c.getSubAssembly()) && level < MAX_DEPTH && !path.contains(c.getProductId())
                    ? defaultBom(gateway, slug, bearer, c.getProductId()) : null;
            String product = products.name(c.getProductId());
            String quantity = FactoryForms.plain(c.getQuantityPerUnit());
            String scrap = FactoryForms.plain(c.getScrapPercent());
            String cost = IndianFormats.rupees(c.getUnitCost());
            if (sub == null) {
                rows.add(new Row(Kind.LEAF, level, product, quantity, scrap, cost, null, null));
                continue;
            }
            rows.add(new Row(Kind.OPEN, level, product, quantity, scrap, cost, Objects.toString(sub.getBomId(), ""), sub.getId()));
            path.add(c.getProductId());
            add(gateway, slug, bearer, sub, products, level + 1, path, rows);
            path.remove(c.getProductId());
            rows.add(new Row(Kind.CLOSE, level, null, null, null, null, null, null));
        }
    }

    /** The product's active default BOM, with its components (the one the API rolls up), or none. */
    private static Bom defaultBom(Gateway gateway, String slug, Map<String, String> bearer, Long productId) throws ApiException {
        List<Bom> boms = gateway.boms().listBoms(slug, 1, productId, FactoryForms.CHOICES, bearer).getData().getItems();
        for (Bom b : boms == null ? List.<Bom>of() : boms) {
            if (Boolean.TRUE.equals(b.getIsDefault()) && !Boolean.FALSE.equals(b.getIsActive())) {
                return gateway.boms().getBom(slug, b.getId(), bearer).getData();
            }
        }
        return null;
    }
}

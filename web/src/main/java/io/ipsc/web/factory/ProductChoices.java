package io.ipsc.web.factory;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.ProductView;
import io.ipsc.web.gateway.Gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tenant's products as the factory's pages name and offer them. A picker starts with the first hundred (the
 * API's largest page) and a search field asks the products list's search for the rest; a product beyond the first
 * hundred that a page shows (a BOM's component, an order's product, a choice made from the search) is asked for
 * by id once per page, so it is named, not shown as "Product #250".
 */
final class ProductChoices {

    /** What a search offers: enough to choose from while typing, few enough to read. */
    static final int SEARCH_RESULTS = 20;

    /** A product in a picker. */
    public record Choice(Long id, String name) {
    }

    private final Gateway gateway;
    private final String slug;
    private final Map<String, String> bearer;
    private final Map<Long, String> names = new LinkedHashMap<>();
    private final List<Long> firstPage = new ArrayList<>();

    private ProductChoices(Gateway gateway, String slug, Map<String, String> bearer) {
        this.gateway = gateway;
        this.slug = slug;
        this.bearer = bearer;
    }

    /** The first hundred products, named; others are asked for when named. */
    static ProductChoices of(Gateway gateway, String slug, Map<String, String> bearer) throws ApiException {
        ProductChoices choices = new ProductChoices(gateway, slug, bearer);
        for (ProductView p : list(gateway, slug, bearer, null, FactoryForms.CHOICES)) {
            choices.names.put(p.getId(), name(p));
            choices.firstPage.add(p.getId());
        }
        return choices;
    }

    /** Up to {@link #SEARCH_RESULTS} products whose name or SKU holds {@code search} (the products list's own search). */
    static List<Choice> search(Gateway gateway, String slug, Map<String, String> bearer, String search) throws ApiException {
        return list(gateway, slug, bearer, FactoryForms.blankAsNull(search), SEARCH_RESULTS).stream().map(p -> new Choice(p.getId(), name(p)))
                .toList();
    }

    /** "Name · SKU", the product asked for by id when it is not among the first hundred; "Product #id" when it cannot be read. */
    String name(Long id) {
        if (id == null) {
            return "—";
        }
        return names.computeIfAbsent(id, missing -> {
            try {
                return name(gateway.products().getProduct(slug, missing, bearer).getData());
            } catch (ApiException e) {
                // Archived for good or refused: the page still shows, with the id the API gave.
                return "Product #" + missing;
            }
        });
    }

    /** The picker's options: the first hundred, and the chosen product when it is not among them (it came from a search). */
    List<Choice> offered(String chosen) {
        List<Choice> offered = new ArrayList<>();
        Long chosenId = FactoryForms.id(chosen);
        if (chosenId != null && !firstPage.contains(chosenId)) {
            offered.add(new Choice(chosenId, name(chosenId)));
        }
        firstPage.forEach(id -> offered.add(new Choice(id, names.get(id))));
        return offered;
    }

    private static List<ProductView> list(Gateway gateway, String slug, Map<String, String> bearer, String search, int size)
            throws ApiException {
        List<ProductView> items = gateway.products().listProducts(slug, false, 1, search, size, bearer).getData().getItems();
        return items == null ? List.of() : items;
    }

    private static String name(ProductView p) {
        return Objects.toString(p.getName(), "#" + p.getId()) + (p.getSku() == null ? "" : " · " + p.getSku());
    }
}

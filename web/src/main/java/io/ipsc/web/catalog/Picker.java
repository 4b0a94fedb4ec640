package io.ipsc.web.catalog;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.PartyView;
import io.ipsc.client.model.ProductView;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.page.Forms;
import io.ipsc.web.workspace.Visits.Visit;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The search-as-you-type picker's choices ({@code tags/picker.html}, {@code static/picker.js}): what a product, customer
 * or vendor is called in the field, the line under it (a product's HSN, unit, rate and GST), and the fields of the same
 * form row a product fills when they are still empty ({@code fill}: the purchase form's rate paid and GST %). The
 * options come from the list endpoints' own search ({@link PickerResource}); a form shown again (an error, a draft to
 * edit) names what it had chosen with {@link #products} and {@link #party}, asked for by id, so a choice beyond any
 * first page keeps its name.
 */
@ApplicationScoped
public class Picker {

    /** One choice: its id as the form sends it, its name as the field shows it, a detail line and the fields it fills. */
    public record Choice(String value, String text, String detail, Map<String, String> fill) {

        public static final Choice NONE = new Choice("", "", "", Map.of());
    }

    private final Gateway gateway;
    private final GatewayCalls calls;

    Picker(Gateway gateway, GatewayCalls calls) {
        this.gateway = gateway;
        this.calls = calls;
    }

    public static Choice of(ProductView p) {
        Map<String, String> fill = new LinkedHashMap<>();
        BigDecimal rate = p.getCost() != null && p.getCost().signum() > 0 ? p.getCost() : p.getPrice();
        if (rate != null) {
            fill.put("unit_price", rate.toPlainString());
        }
        if (p.getGstRate() != null) {
            fill.put("gst_rate", p.getGstRate().stripTrailingZeros().toPlainString());
        }
        String detail = "HSN " + Objects.toString(p.getHsnSac(), "—") + " · " + Objects.toString(p.getUnit(), "nos") + " · "
                + IndianFormats.rupees(p.getPrice()) + " · GST " + (p.getGstRate() == null ? "—" : p.getGstRate().stripTrailingZeros().toPlainString()) + " %";
        return new Choice(String.valueOf(p.getId()), p.getName() + " · " + p.getSku(), detail, fill);
    }

    public static Choice of(PartyView p) {
        String detail = p.getGstin() == null || p.getGstin().isBlank() ? Objects.toString(p.getState(), "") : "GSTIN " + p.getGstin()
                + (p.getState() == null ? "" : " · " + p.getState());
        // The category decides which supply terms the invoice editor offers (SupplyTerms).
        return new Choice(String.valueOf(p.getId()), p.getName(), detail,
                p.getGstCategory() == null ? Map.of() : Map.of("gst_category", p.getGstCategory()));
    }

    /**
     * The chosen products by the id typed in the form, asked for at the same time; an id the API does not know (archived,
     * or typed by hand) is left out, so its field shows nothing chosen and the API's refusal says why.
     */
    public Map<String, Choice> products(String slug, Collection<String> chosen, Visit visit) {
        Map<String, Choice> choices = new LinkedHashMap<>();
        productViews(slug, chosen, visit).forEach((id, p) -> choices.put(id, of(p)));
        return choices;
    }

    /** The chosen products themselves, by id (as {@link #products}). */
    public Map<String, ProductView> productViews(String slug, Collection<String> chosen, Visit visit) {
        Map<String, CompletableFuture<ProductView>> asked = new LinkedHashMap<>();
        for (String text : chosen) {
            Long id = Forms.id(text);
            if (id != null && !asked.containsKey(id.toString())) {
                asked.put(id.toString(), calls.start(() -> gateway.products().getProduct(slug, id, visit.bearer()).getData()));
            }
        }
        Map<String, ProductView> products = new LinkedHashMap<>();
        asked.forEach((id, answer) -> {
            try {
                products.put(id, GatewayCalls.await(answer));
            } catch (ApiException unknown) {
                // Not a product of this tenant (any more): nothing to name.
            }
        });
        return products;
    }

    /** The chosen customer ({@code parties} "customers") or vendor ("vendors"), or {@link Choice#NONE}. */
    public Choice party(String slug, String parties, String chosen, Visit visit) {
        Long id = Forms.id(chosen);
        if (id == null) {
            return Choice.NONE;
        }
        try {
            return of(parties(parties).calls().get(slug, id, visit.bearer()));
        } catch (ApiException unknown) {
            return Choice.NONE;
        }
    }

    /** The customers' or vendors' operations, by the path naming them; null for another. */
    PartyKind parties(String path) {
        return switch (path) {
            case "customers" -> PartyKind.customers(gateway.customers());
            case "vendors" -> PartyKind.vendors(gateway.vendors());
            default -> null;
        };
    }

    Gateway gateway() {
        return gateway;
    }
}

package io.ipsc.web.catalog;

import io.ipsc.client.model.ProductRequest;
import io.ipsc.client.model.ProductView;
import io.ipsc.web.page.Forms;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A product's form as typed (kept as text, so a refused value is shown again as it was typed). Stock is
 * given once, when the product is made; after that the API moves it (invoices, purchases) and refuses edits.
 */
public class ProductForm {

    @RestForm public String sku = "";
    @RestForm public String name = "";
    @RestForm public String description = "";
    @RestForm("hsn_sac") public String hsnSac = "";
    @RestForm public String unit = "";
    @RestForm public String price = "";
    @RestForm("gst_rate") public String gstRate = "";
    @RestForm public String cost = "";
    @RestForm("stock_quantity") public String stockQuantity = "";
    @RestForm("reorder_level") public String reorderLevel = "";

    static ProductForm blank() {
        ProductForm form = new ProductForm();
        form.unit = "nos";
        form.gstRate = "18";
        return form;
    }

    static ProductForm of(ProductView p) {
        ProductForm form = new ProductForm();
        form.sku = Forms.shown(p.getSku());
        form.name = Forms.shown(p.getName());
        form.description = Forms.shown(p.getDescription());
        form.hsnSac = Forms.shown(p.getHsnSac());
        form.unit = Forms.shown(p.getUnit());
        form.price = Forms.shown(p.getPrice());
        form.gstRate = Forms.shown(p.getGstRate());
        form.cost = Forms.shown(p.getCost());
        form.stockQuantity = Forms.shown(p.getStockQuantity());
        form.reorderLevel = Forms.shown(p.getReorderLevel());
        return form;
    }

    /**
     * The API's body. A value typed that is not a number is sent as the text's absence would be, so the API's
     * "required" says so; a creation sends the opening stock, an edit never does (the API refuses it).
     */
    ProductRequest toRequest(boolean creating) {
        ProductRequest request = new ProductRequest().sku(Forms.text(sku)).name(Forms.text(name)).description(Forms.text(description))
                .hsnSac(Forms.text(hsnSac)).unit(Forms.text(unit)).price(Forms.number(price)).gstRate(Forms.number(gstRate))
                .cost(Forms.number(cost)).reorderLevel(Forms.number(reorderLevel));
        return creating ? request.stockQuantity(Forms.number(stockQuantity)) : request;
    }
}

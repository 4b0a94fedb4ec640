package io.ipsc.web.invoicing;

import io.ipsc.client.model.InvoiceRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvoiceFormTest {

    private static InvoiceForm form(String customer, List<String> products, List<String> quantities, List<String> discounts) {
        InvoiceForm form = new InvoiceForm();
        form.customerId = customer;
        form.product = new ArrayList<>(products);
        form.quantity = new ArrayList<>(quantities);
        form.discount = new ArrayList<>(discounts);
        return form;
    }

    @Test
    void rowsWithoutAProductAreNotSentAndTheOthersKeepTheirFigures() {
        InvoiceForm form = form("7", List.of("", "12", "13"), List.of("1", "4", "2.5"), List.of("", "10", ""));
        InvoiceRequest request = form.toRequest();
        assertEquals(7L, request.getCustomerId());
        assertEquals(2, request.getLines().size());
        assertEquals(12L, request.getLines().get(0).getProductId());
        assertEquals(new BigDecimal("4"), request.getLines().get(0).getQuantity());
        assertEquals(new BigDecimal("10"), request.getLines().get(0).getDiscountPercent());
        assertEquals(new BigDecimal("2.5"), request.getLines().get(1).getQuantity());
        assertNull(request.getLines().get(1).getDiscountPercent());
    }

    @Test
    void theApisLineErrorsLandAtTheRowTheyCameFrom() {
        // Row 0 has no product, so the API's lines[0] is the form's row 1 and lines[1] its row 2.
        InvoiceForm form = form("7", List.of("", "12", "13"), List.of("1", "0", "2"), List.of("", "", "120"));
        List<InvoiceForm.Row> rows = form.rows(Map.of("lines[0].quantity", "quantity must be more than zero",
                "lines[1].discount_percent", "discount_percent must be between 0 and 100"));
        assertFalse(rows.get(0).invalid());
        assertEquals("quantity must be more than zero", rows.get(1).quantityError());
        assertEquals("discount_percent must be between 0 and 100", rows.get(2).discountError());
        assertNull(rows.get(2).quantityError());
    }

    @Test
    void aStockRefusalIsPutAtTheQuantityOfTheProductsRow() {
        InvoiceForm form = form("7", List.of("", "12"), List.of("1", "40"), List.of("", ""));
        int row = form.rowOf(12);
        assertEquals(1, row);
        List<InvoiceForm.Row> rows = form.rows(form.withQuantityError(Map.of(), row, "Product 'V' has 10 in stock; the invoice needs 40"));
        assertEquals("Product 'V' has 10 in stock; the invoice needs 40", rows.get(1).quantityError());
        assertEquals(-1, form.rowOf(99));
    }

    @Test
    void anErrorAboutTheLinesAsAWholeIsShownAtTheFirstRowAndNothingTypedIsANumber() {
        InvoiceForm form = form("", List.of(""), List.of("abc"), List.of(""));
        assertNull(form.toRequest().getCustomerId());
        assertTrue(form.toRequest().getLines().isEmpty());
        assertEquals("an invoice needs at least one line", form.rows(Map.of("lines", "an invoice needs at least one line")).get(0).productError());
        assertNull(InvoiceForm.number("abc"));
        assertEquals(new BigDecimal("12500"), InvoiceForm.number("12,500"));
    }

    @Test
    void aBrowserThatSentNoRowsStillHasOneToShow() {
        InvoiceForm form = new InvoiceForm();
        form.product = null;
        form.quantity = null;
        form.discount = null;
        assertEquals(0, form.size());
        assertEquals(1, form.rows(Map.of()).size());
        assertTrue(form.toRequest().getLines().isEmpty());
    }
}

package io.ipsc.web.catalog;

import io.ipsc.client.ApiException;
import io.ipsc.client.api.CustomersApi;
import io.ipsc.client.api.VendorsApi;
import io.ipsc.client.model.PagePartyView;
import io.ipsc.client.model.PartyCheck;
import io.ipsc.client.model.PartyRequest;
import io.ipsc.client.model.PartyView;

import java.util.Map;

/**
 * Customers or vendors: the names the pages use and the API's operations for that kind. The two are one
 * implementation ({@link PartyPages}); only this differs.
 */
public record PartyKind(String path, String singular, String plural, Calls calls) {

    /** The API's operations on one kind of party, with the caller's token in {@code headers}. */
    public interface Calls {
        PagePartyView list(String slug, int page, String search, int size, Map<String, String> headers) throws ApiException;

        PartyView get(String slug, long id, Map<String, String> headers) throws ApiException;

        PartyView create(String slug, PartyRequest request, Map<String, String> headers) throws ApiException;

        PartyView update(String slug, long id, PartyRequest request, Map<String, String> headers) throws ApiException;

        void archive(String slug, long id, Map<String, String> headers) throws ApiException;

        PartyCheck check(String slug, PartyRequest request, Map<String, String> headers) throws ApiException;
    }

    static PartyKind customers(CustomersApi api) {
        return new PartyKind("customers", "customer", "Customers", new Calls() {
            public PagePartyView list(String slug, int page, String search, int size, Map<String, String> h) throws ApiException {
                return api.listCustomers(slug, page, search, size, h).getData();
            }

            public PartyView get(String slug, long id, Map<String, String> h) throws ApiException {
                return api.getCustomer(slug, id, h).getData();
            }

            public PartyView create(String slug, PartyRequest r, Map<String, String> h) throws ApiException {
                return api.createCustomer(slug, r, h).getData();
            }

            public PartyView update(String slug, long id, PartyRequest r, Map<String, String> h) throws ApiException {
                return api.updateCustomer(slug, id, r, h).getData();
            }

            public void archive(String slug, long id, Map<String, String> h) throws ApiException {
                api.archiveCustomer(slug, id, h);
            }

            public PartyCheck check(String slug, PartyRequest r, Map<String, String> h) throws ApiException {
                return api.checkCustomer(slug, r, h).getData();
            }
        });
    }

    static PartyKind vendors(VendorsApi api) {
        return new PartyKind("vendors", "vendor", "Vendors", new Calls() {
            public PagePartyView list(String slug, int page, String search, int size, Map<String, String> h) throws ApiException {
                return api.listVendors(slug, page, search, size, h).getData();
            }

            public PartyView get(String slug, long id, Map<String, String> h) throws ApiException {
                return api.getVendor(slug, id, h).getData();
            }

            public PartyView create(String slug, PartyRequest r, Map<String, String> h) throws ApiException {
                return api.createVendor(slug, r, h).getData();
            }

            public PartyView update(String slug, long id, PartyRequest r, Map<String, String> h) throws ApiException {
                return api.updateVendor(slug, id, r, h).getData();
            }

            public void archive(String slug, long id, Map<String, String> h) throws ApiException {
                api.archiveVendor(slug, id, h);
            }

            public PartyCheck check(String slug, PartyRequest r, Map<String, String> h) throws ApiException {
                return api.checkVendor(slug, r, h).getData();
            }
        });
    }
}

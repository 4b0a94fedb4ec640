package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.einvoice.EInvoiceService;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Locale;
import java.util.Map;

/**
 * What {@link CreditNoteResource} and {@link DebitNoteResource} answer, done once for either kind of note: each
 * resource keeps only its path and its OpenAPI description (operation ids, summaries and error codes are the kind's
 * own) and hands the work here.
 */
final class NoteEndpoints {

    private final NoteKind kind;
    private final NoteService notes;
    private final EInvoiceService eInvoices;
    /** "credit note", as the answers' messages name it mid-sentence. */
    private final String name;

    NoteEndpoints(NoteKind kind, NoteService notes, EInvoiceService eInvoices) {
        this.kind = kind;
        this.notes = notes;
        this.eInvoices = eInvoices;
        this.name = kind.title().toLowerCase(Locale.ROOT);
    }

    Uni<RestResponse<ApiResponse<NoteView>>> create(NoteRequest request) {
        return notes.create(kind, request).map(n -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(n, kind.title() + " " + n.number() + " against invoice " + n.invoiceNumber())));
    }

    Uni<ApiResponse<Page<NoteView>>> list(Long invoiceId, Integer page, Integer size) {
        return notes.list(kind, invoiceId, PageRequest.of(page, size)).map(p -> ApiResponse.ok(p, p.totalItems() + " " + name + "(s)"));
    }

    Uni<ApiResponse<NoteView>> get(long id) {
        return notes.get(kind, id).map(n -> ApiResponse.ok(n, kind.title() + " " + n.number()));
    }

    Uni<ApiResponse<Map<String, Object>>> einvoice(long id) {
        return eInvoices.ofNote(kind, id).map(json -> ApiResponse.ok(json, "E-invoice JSON of " + name + " " + id));
    }
}

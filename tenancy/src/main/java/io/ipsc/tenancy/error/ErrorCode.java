package io.ipsc.tenancy.error;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every {@code error.code} the suite answers with: its HTTP status(es), when an operation can meet it, and
 * what it means. The OpenAPI documents list these per error answer ({@code io.ipsc.tenancy.openapi.ErrorAnswers});
 * {@code ErrorCodeCatalogueTest} fails the build when a module throws a code that is not here.
 */
public enum ErrorCode {

    // 400: the request itself
    INVALID_PATH(Applies.EVERY, "A path segment is '.'/'..' or holds '/', '\\', NUL or '%' once decoded (gateway)", 400),
    INVALID_HOST(Applies.EVERY, "Two Host headers, or a Host that disagrees with the request's absolute URI (gateway)", 400),
    TENANT_MISMATCH(Applies.TENANT, "The path, X-Tenant-ID and host name different tenants", 400),
    TENANT_REQUIRED(Applies.TENANT, "No tenant named: use /api/tenants/{slug}/..., X-Tenant-ID or a tenant host", 400),
    VALIDATION_ERROR(Applies.INPUT, "One or more fields are invalid; error.details names each", 400),
    INVALID_FIELD(Applies.INPUT, "A field or parameter has a value of the wrong type or form", 400),
    INVALID_VALUE(Applies.INPUT, "A value is out of what can be stored (length, range, NUL character)", 400),
    BAD_REQUEST(Applies.INPUT, "The request could not be read", 400),
    INVALID_JSON(Applies.BODY, "The body is not JSON, or not the JSON this operation takes", 400),
    UNKNOWN_FIELD(Applies.BODY, "The body has a field this operation does not know (a misspelling is refused, not ignored)", 400),
    MISSING_BODY(Applies.BODY, "The operation needs a JSON body", 400),
    INVALID_PAGE(Applies.PAGED, "page is below 1, or size outside 1..100", 400),
    INVALID_FILTER(Applies.NAMED, "A list filter (status, type, ...) has an unknown value", 400),
    INVALID_DATE(Applies.NAMED, "A date is not ISO-8601 (yyyy-MM-dd) or not a real date", 400),
    INVALID_RANGE(Applies.NAMED, "A from/to range is reversed or too long", 400),
    UNKNOWN_ENTITY(Applies.NAMED, "The audit trail's entity names no audited table of the service; the message lists them", 400),
    ENTITY_REQUIRED(Applies.NAMED, "An audit record id was given without the entity it belongs to", 400),
    NOT_A_CHILD(Applies.NAMED, "The audit trail's with= names a table whose records do not belong to the entity's", 400),
    AUDIT_SERVICE_REQUIRED(Applies.NAMED, "GET /api/audit without an entity needs service= to say whose trail (gateway)", 400),
    INVALID_MONTH(Applies.NAMED, "A month is not yyyy-MM", 400),
    INVALID_LIMIT(Applies.NAMED, "limit is outside its allowed range", 400),
    INVALID_WINDOW(Applies.NAMED, "hours is outside its allowed range", 400),
    INVALID_STATUS(Applies.NAMED, "A status value this operation does not accept", 400),
    INVALID_QUANTITY(Applies.NAMED, "A quantity is zero, negative or not a number this operation accepts", 400),
    UNKNOWN_DENTIST(Applies.NAMED, "dentist_id is not a member of the tenant", 400),
    EMPTY_UPDATE(Applies.NAMED, "The update names no field to change", 400),
    INVALID_LOGO(Applies.NAMED, "The logo's bytes start like a PNG or JPEG image but cannot be read as one", 400),

    // 401: who is calling
    UNAUTHORIZED(Applies.SECURED, "No bearer token, or one that is invalid or expired", 401),
    INVALID_CREDENTIALS(Applies.NAMED, "Unknown e-mail or wrong password (the same answer for both)", 401),
    INVALID_REFRESH_TOKEN(Applies.NAMED, "The refresh token is unknown, expired or revoked", 401),
    REFRESH_TOKEN_REUSED(Applies.NAMED, "A rotated refresh token was used again: its whole family is revoked", 401),

    // 403: not allowed
    FORBIDDEN(Applies.SECURED, "The caller may not do this (platform admins only, or not their own account)", 403),
    INSUFFICIENT_ROLE(Applies.SECURED, "The caller's role in the tenant is below what the operation needs (viewers read only)", 403),
    NOT_A_MEMBER(Applies.TENANT, "The caller is not a member of the tenant (403); as 404, the user is not a member to change or remove", 403, 404),
    TENANT_SUSPENDED(Applies.TENANT, "The tenant is suspended: its data is kept, its requests refused", 403),
    FEATURE_DISABLED(Applies.TENANT, "The tenant's plan or feature toggles do not include this module", 403),
    ACCOUNT_DEACTIVATED(Applies.NAMED, "The account is deactivated", 403),
    INVALID_CURRENT_PASSWORD(Applies.NAMED, "current_password is wrong", 403),
    SELF_SERVICE_DISABLED(Applies.NAMED, "Self-service sign-up is off on this installation (IPSC_SELF_SERVICE_SIGNUP)", 403),
    SELF_SERVICE_LIMIT_REACHED(Applies.NAMED, "The account already holds as many self-service tenants as allowed (IPSC_SELF_SERVICE_MAX_TENANTS_PER_ACCOUNT)", 403),
    ADD_MEMBERS_BY_EMAIL(Applies.NAMED, "Only platform admins add members by user_id; tenant admins invite by e-mail", 403),

    // 404: not there
    NOT_FOUND(Applies.PATH_ID, "No such resource (or endpoint)", 404),
    TENANT_NOT_FOUND(Applies.TENANT, "No tenant with this slug", 404),
    TENANT_DELETED(Applies.NAMED, "The tenant was deleted (its databases archived)", 404),
    INVITATION_NOT_FOUND(Applies.NAMED, "No invitation with this token", 404),
    LOGO_NOT_SET(Applies.NAMED, "The tenant has no logo for its invoices", 404),

    // 405, 410, 413, 414, 415, 431: refused by the HTTP layer
    METHOD_NOT_ALLOWED(Applies.NAMED, "The path exists, not with this method", 405),
    INVITATION_EXPIRED(Applies.NAMED, "The invitation is past its validity", 410),
    INVITATION_REVOKED(Applies.NAMED, "The invitation was revoked", 410),
    PAYLOAD_TOO_LARGE(Applies.BODY, "The body is over 10 MB", 413),
    LOGO_TOO_LARGE(Applies.NAMED, "The logo is over 512 KB or over 2000 x 2000 pixels", 413),
    LOGO_UNSUPPORTED_TYPE(Applies.NAMED, "The logo is not a PNG or JPEG image (judged by its bytes), or not the content_type it claims", 415),
    URI_TOO_LONG(Applies.NAMED, "The request's address is longer than the service accepts (gateway)", 414),
    UNSUPPORTED_MEDIA_TYPE(Applies.NAMED, "The body is not sent as application/json", 415),
    HEADERS_TOO_LARGE(Applies.NAMED, "The request's headers are larger than the service accepts (gateway)", 431),

    // 409: the current state forbids it
    CONCURRENT_UPDATE(Applies.NAMED, "Someone else changed the resource meanwhile; read it again and retry", 409),
    DUPLICATE(Applies.NAMED, "A resource with this unique key (code, number) already exists", 409),
    DUPLICATE_SLUG(Applies.NAMED, "A tenant with this slug already exists (deleted ones included)", 409),
    DUPLICATE_EMAIL(Applies.NAMED, "A user with this e-mail already exists", 409),
    DUPLICATE_CLUSTER(Applies.NAMED, "A database cluster with this name is already registered", 409),
    NO_CLUSTER_CAPACITY(Applies.NAMED, "No open database cluster has room for another tenant", 409),
    CLUSTER_NOT_OPEN(Applies.NAMED, "The named database cluster takes no new tenants: draining, closed or full", 409),
    CLUSTER_CAPACITY_BELOW_TENANTS(Applies.NAMED, "A cluster's capacity cannot be set below the tenants it holds", 409),
    ALREADY_ON_CLUSTER(Applies.NAMED, "The tenant is on the database cluster it was asked to move to", 409),
    TENANT_NOT_ACTIVE(Applies.NAMED, "Only an active tenant can do this (not while provisioning or suspended)", 409),
    DUPLICATE_SKU(Applies.NAMED, "A product with this SKU already exists", 409),
    DUPLICATE_BILL(Applies.NAMED, "This vendor's bill number is already recorded", 409),
    DUPLICATE_SUPPLY(Applies.NAMED, "A dental supply with this name already exists", 409),
    ALREADY_A_MEMBER(Applies.NAMED, "The user is already a member of the tenant", 409),
    ALREADY_INVITED(Applies.NAMED, "An open invitation for this e-mail exists", 409),
    INVITATION_ALREADY_USED(Applies.NAMED, "The invitation has been accepted already", 409),
    CANNOT_DEACTIVATE_SELF(Applies.NAMED, "An admin cannot deactivate their own account", 409),
    TENANT_ALREADY_SUSPENDED(Applies.NAMED, "The tenant is suspended already", 409),
    TENANT_NOT_SUSPENDED(Applies.NAMED, "The tenant is not suspended", 409),
    APPOINTMENT_CONFLICT(Applies.NAMED, "The dentist or chair already has an appointment overlapping this one", 409),
    TREATMENT_COMPLETED(Applies.NAMED, "A completed treatment cannot be changed", 409),
    INVOICE_NOT_DRAFT(Applies.NAMED, "Only a draft invoice can be changed, issued or deleted", 409),
    INVOICE_NOT_CANCELLABLE(Applies.NAMED, "Only an issued, unpaid invoice without credit or debit notes can be cancelled", 409),
    INVOICE_NOT_ISSUED(Applies.NAMED, "What was asked needs an issued, numbered invoice: credit and debit notes and the e-invoice JSON are not made for drafts (nor notes for cancelled invoices)", 409),
    INVOICE_NOT_PAYABLE(Applies.NAMED, "The invoice is not issued, or paid already", 409),
    INSUFFICIENT_STOCK(Applies.NAMED, "Not enough stock for the quantity asked (409 invoicing, 422 dental supplies)", 409, 422),
    IN_USE(Applies.NAMED, "Still referred to (a BOM by orders, a work center by BOMs): cannot be deleted", 409),
    ILLEGAL_TRANSITION(Applies.NAMED, "The order's status cannot move to the one asked", 409),
    ILLEGAL_STATE(Applies.NAMED, "The resource's state does not allow this operation", 409),
    QUALITY_HOLD(Applies.NAMED, "The order has a failed inspection not yet decided", 409),
    NOTHING_TO_DECIDE(Applies.NAMED, "There is no failed inspection to decide on", 409),

    // 422: well-formed, but the content does not hold
    UNKNOWN_PRODUCT(Applies.NAMED, "product_id names no product of the tenant", 422),
    UNKNOWN_CUSTOMER(Applies.NAMED, "customer_id names no customer of the tenant", 422),
    UNKNOWN_INVOICE(Applies.NAMED, "invoice_id names no invoice of the tenant", 422),
    UNKNOWN_VENDOR(Applies.NAMED, "vendor_id names no vendor of the tenant", 422),
    UNKNOWN_PATIENT(Applies.NAMED, "patient_id names no patient of the tenant", 422),
    UNKNOWN_APPOINTMENT(Applies.NAMED, "appointment_id names no appointment of the tenant", 422),
    UNKNOWN_TREATMENT(Applies.NAMED, "treatment_id names no treatment of the tenant", 422),
    UNKNOWN_BOM(Applies.NAMED, "bom_id names no BOM of the tenant", 422),
    UNKNOWN_WORK_CENTER(Applies.NAMED, "work_center_id names no work center of the tenant", 422),
    PATIENT_ARCHIVED(Applies.NAMED, "The patient is archived", 422),
    EMPTY_INVOICE(Applies.NAMED, "An invoice needs at least one line", 422),
    EINVOICE_NOT_APPLICABLE(Applies.NAMED, "E-invoicing does not apply: a B2C invoice, or a supplier without a GSTIN", 422),
    OVERPAYMENT(Applies.NAMED, "The payment is more than the amount due", 422),
    CREDIT_EXCEEDS_INVOICE(Applies.NAMED, "Credit notes would take off more than the invoice (or its line) is worth", 422),
    QUANTITY_EXCEEDS_SOLD(Applies.NAMED, "A credit note would take back more of a line than was sold", 422),
    BOM_CYCLE(Applies.NAMED, "The BOM would contain itself through its components", 422),
    INCONSISTENT_RESULT(Applies.NAMED, "The inspection's passed and failed quantities do not add up", 422),
    WEAK_PASSWORD(Applies.NAMED, "The new password is too short or too common", 422),

    // 429: too much
    RATE_LIMITED(Applies.EVERY, "Over the plan's requests per second, or the credential endpoints' limit per address; see Retry-After", 429),
    QUOTA_EXCEEDED(Applies.NAMED, "Over the plan's limit (members, products, transactions this month)", 429),
    ACCOUNT_LOCKED(Applies.NAMED, "Too many wrong passwords in a row; see Retry-After", 429),
    MAX_TENANTS_REACHED(Applies.NAMED, "The instance holds as many tenants as it is configured for", 429),

    // 5xx: not now
    INTERNAL_ERROR(Applies.NAMED, "A failure on the service's side, logged with its detail", 500),
    UPSTREAM_FAILED(Applies.EVERY, "The service behind the gateway failed to answer, e.g. while it restarts (gateway)", 502),
    UPSTREAM_UNAVAILABLE(Applies.EVERY, "A service behind the gateway (or asked by a tenant's export) is not reachable", 502),
    REQUEST_REFUSED(Applies.NAMED, "The service behind the gateway refused the request without an envelope; the status is the service's (gateway)",
            400, 401, 403, 404, 409, 422, 429),
    TENANT_PROVISIONING(Applies.TENANT, "The tenant's databases are still being created; retry shortly", 503),
    TENANT_UNAVAILABLE(Applies.TENANT, "The tenant's database cannot be reached now; retry shortly", 503),
    TOO_BUSY(Applies.TENANT, "Every database pool of the instance is busy; see Retry-After", 503),
    TENANT_MOVING(Applies.TENANT, "The tenant's database is being switched to another cluster and the pause outlasted"
            + " IPSC_MOVE_PAUSE; nothing was written, see Retry-After (503). As 409: a move of the tenant is in progress,"
            + " another cannot start", 503, 409),
    STATISTICS_UNAVAILABLE(Applies.NAMED, "PostgreSQL's statistics cannot be read now", 503),
    EVENTS_UNAVAILABLE(Applies.NAMED, "The event broker cannot be reached now; nothing was changed", 503),
    OPENAPI_UNAVAILABLE(Applies.NAMED, "No service's API document could be fetched yet (gateway)", 503),
    UPSTREAM_TIMEOUT(Applies.EVERY, "The service behind the gateway did not answer in time (gateway)", 504);

    /** Which operations can meet a code without naming it: the rule the OpenAPI filter applies. */
    public enum Applies {
        /** any operation (the gateway's checks of the request line, its rate limits, the service behind it answering) */
        EVERY,
        /** operations with a body, query, path or header parameters */
        INPUT,
        /** operations with a request body */
        BODY,
        /** operations taking page and size */
        PAGED,
        /** operations that need a bearer token */
        SECURED,
        /** operations on one tenant's data */
        TENANT,
        /** operations addressing a resource by a path parameter */
        PATH_ID,
        /** only the operations that name the code */
        NAMED
    }

    private final Applies applies;
    private final String meaning;
    private final int[] statuses;

    ErrorCode(Applies applies, String meaning, int... statuses) {
        this.applies = applies;
        this.meaning = meaning;
        this.statuses = statuses;
    }

    public Applies applies() {
        return applies;
    }

    public String meaning() {
        return meaning;
    }

    /**
     * The status a general rule ({@link Applies} other than NAMED) concerns: the first one declared. TENANT_MOVING is
     * 503 on any tenant operation, 409 only on the move request that names it.
     */
    public int generalStatus() {
        return statuses[0];
    }

    /** The HTTP statuses this code comes with (most have one). */
    public Set<Integer> statuses() {
        return Arrays.stream(statuses).boxed().collect(Collectors.toUnmodifiableSet());
    }

    public boolean answersWith(int status) {
        return Arrays.stream(statuses).anyMatch(s -> s == status);
    }

    public static Optional<ErrorCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst();
    }

    /** Every code answered with this status, in catalogue order. */
    public static Set<ErrorCode> withStatus(int status) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        Arrays.stream(values()).filter(c -> c.answersWith(status)).forEach(codes::add);
        return codes;
    }
}

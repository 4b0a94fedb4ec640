package io.ipsc.web.gateway;

import io.ipsc.client.ApiClient;
import io.ipsc.client.api.AppointmentsApi;
import io.ipsc.client.api.AuditTrailApi;
import io.ipsc.client.api.AuthApi;
import io.ipsc.client.api.BillsOfMaterialsApi;
import io.ipsc.client.api.BrandingApi;
import io.ipsc.client.api.CashFlowApi;
import io.ipsc.client.api.CustomersApi;
import io.ipsc.client.api.DatabaseClustersApi;
import io.ipsc.client.api.DentalSuppliesApi;
import io.ipsc.client.api.GatewayApi;
import io.ipsc.client.api.InvitationsApi;
import io.ipsc.client.api.InvoicesApi;
import io.ipsc.client.api.MembershipsApi;
import io.ipsc.client.api.OperationsApi;
import io.ipsc.client.api.PatientsApi;
import io.ipsc.client.api.ProductionOrdersApi;
import io.ipsc.client.api.ProductsApi;
import io.ipsc.client.api.PurchasesApi;
import io.ipsc.client.api.QualityApi;
import io.ipsc.client.api.ReportsApi;
import io.ipsc.client.api.SignUpApi;
import io.ipsc.client.api.TenantsApi;
import io.ipsc.client.api.TreatmentsApi;
import io.ipsc.client.api.VendorsApi;
import io.ipsc.client.api.WorkCentersApi;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/**
 * The web app's only way to the suite: the generated client ({@code ipsc-api-client}) pointed at the
 * gateway. The client is blocking (the JDK's HTTP client), so it is called from worker threads only:
 * every page resource is {@code @Blocking}. Each API object holds its own HTTP client and is
 * thread-safe; the caller's token travels per call, in the {@code headers} argument.
 */
@ApplicationScoped
public class Gateway {

    private final AuthApi auth;
    private final TenantsApi tenants;
    private final BrandingApi branding;
    private final ProductsApi products;
    private final CustomersApi customers;
    private final VendorsApi vendors;
    private final PurchasesApi purchases;
    private final InvoicesApi invoices;
    private final CashFlowApi cashFlow;
    private final ReportsApi reports;
    private final PatientsApi patients;
    private final AppointmentsApi appointments;
    private final TreatmentsApi treatments;
    private final DentalSuppliesApi dentalSupplies;
    private final BillsOfMaterialsApi boms;
    private final ProductionOrdersApi productionOrders;
    private final WorkCentersApi workCenters;
    private final QualityApi quality;
    private final OperationsApi operations;
    private final GatewayApi suite;
    private final MembershipsApi memberships;
    private final InvitationsApi invitations;
    private final SignUpApi signUp;
    private final AuditTrailApi audit;
    private final DatabaseClustersApi clusters;

    Gateway(@ConfigProperty(name = "ipsc.web.gateway-url") String gatewayUrl,
            @ConfigProperty(name = "ipsc.web.gateway-timeout") Duration timeout) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gatewayUrl);
        client.setHttpClientBuilder(ApiClient.createDefaultHttpClientBuilder().connectTimeout(Duration.ofSeconds(5)));
        client.setReadTimeout(timeout);
        this.auth = new AuthApi(client);
        this.tenants = new TenantsApi(client);
        this.branding = new BrandingApi(client);
        this.products = new ProductsApi(client);
        this.customers = new CustomersApi(client);
        this.vendors = new VendorsApi(client);
        this.purchases = new PurchasesApi(client);
        this.invoices = new InvoicesApi(client);
        this.cashFlow = new CashFlowApi(client);
        this.reports = new ReportsApi(client);
        this.patients = new PatientsApi(client);
        this.appointments = new AppointmentsApi(client);
        this.treatments = new TreatmentsApi(client);
        this.dentalSupplies = new DentalSuppliesApi(client);
        this.boms = new BillsOfMaterialsApi(client);
        this.productionOrders = new ProductionOrdersApi(client);
        this.workCenters = new WorkCentersApi(client);
        this.quality = new QualityApi(client);
        this.operations = new OperationsApi(client);
        this.suite = new GatewayApi(client);
        this.memberships = new MembershipsApi(client);
        this.invitations = new InvitationsApi(client);
        this.signUp = new SignUpApi(client);
        this.audit = new AuditTrailApi(client);
        this.clusters = new DatabaseClustersApi(client);
    }

    public AuditTrailApi audit() {
        return audit;
    }

    /** The suite's PostgreSQL clusters, for platform admins. */
    public DatabaseClustersApi clusters() {
        return clusters;
    }

    public AuthApi auth() {
        return auth;
    }

    public TenantsApi tenants() {
        return tenants;
    }

    public BrandingApi branding() {
        return branding;
    }

    public ProductsApi products() {
        return products;
    }

    public CustomersApi customers() {
        return customers;
    }

    public VendorsApi vendors() {
        return vendors;
    }

    public PurchasesApi purchases() {
        return purchases;
    }

    public InvoicesApi invoices() {
        return invoices;
    }

    public CashFlowApi cashFlow() {
        return cashFlow;
    }

    public ReportsApi reports() {
        return reports;
    }

    public PatientsApi patients() {
        return patients;
    }

    public AppointmentsApi appointments() {
        return appointments;
    }

    public TreatmentsApi treatments() {
        return treatments;
    }

    public DentalSuppliesApi dentalSupplies() {
        return dentalSupplies;
    }

    public BillsOfMaterialsApi boms() {
        return boms;
    }

    public ProductionOrdersApi productionOrders() {
        return productionOrders;
    }

    public WorkCentersApi workCenters() {
        return workCenters;
    }

    /** Quality inspections of production orders, and their decisions. */
    public QualityApi quality() {
        return quality;
    }

    /**
     * The {@code headers} argument of a credential operation (sign-in, refresh, sign-out), naming the browser's
     * address: the gateway throttles those per address, and believes this header from the web app only.
     */
    public static Map<String, String> forwardedFor(String browserAddress) {
        return browserAddress == null ? Map.of() : Map.of("X-Forwarded-For", browserAddress);
    }

    /** The operator's views of a tenant: database statistics, slow statements, security events. */
    public OperationsApi operations() {
        return operations;
    }

    /** The gateway's own operations: the suite's health and status, a tenant's request figures. */
    public GatewayApi suite() {
        return suite;
    }

    public MembershipsApi memberships() {
        return memberships;
    }

    public InvitationsApi invitations() {
        return invitations;
    }

    public SignUpApi signUp() {
        return signUp;
    }

    /** The {@code headers} argument of a generated operation, carrying the signed-in user's access token. */
    public static Map<String, String> bearer(String accessToken) {
        return Map.of("Authorization", "Bearer " + accessToken);
    }

    /** The {@code headers} argument of a call made for a visitor who is not signed in. */
    public static Map<String, String> anonymous() {
        return Map.of();
    }
}

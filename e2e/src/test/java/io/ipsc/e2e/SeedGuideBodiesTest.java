package io.ipsc.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ipsc.client.model.AddMemberRequest;
import io.ipsc.client.model.AppointmentRequest;
import io.ipsc.client.model.BomRequest;
import io.ipsc.client.model.BrandingRequest;
import io.ipsc.client.model.ChangeRoleRequest;
import io.ipsc.client.model.PatientRequest;
import io.ipsc.client.model.ProductionOrderRequest;
import io.ipsc.client.model.SubscriptionRequest;
import io.ipsc.client.model.TenantRequest;
import io.ipsc.client.model.TreatmentRequest;
import io.ipsc.client.model.WorkCenterRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every request body of the seed guide fits the generated client's model of the document, field for field,
 * without a suite: the fast form of the walk's first promise (a field of the guide the document lacks fails here
 * in seconds, and again in {@link E2eSeedGuideTest} when the body is sent).
 */
class SeedGuideBodiesTest {

    @Test
    void everyBodyOfTheGuideReadsIntoItsModel() {
        assertAll(
                () -> assertEquals("smile-dental", GatewayClient.parse(SeedGuide.SMILE_DENTAL, TenantRequest.class).getSlug()),
                () -> GatewayClient.parse(SeedGuide.PRECISION_MFG, TenantRequest.class),
                () -> GatewayClient.parse(SeedGuide.ABC_TRADING, TenantRequest.class),
                () -> assertEquals(10, GatewayClient.parse(SeedGuide.UPDATE_TENANT, TenantRequest.class).getMaxUsers()),
                () -> assertEquals("john.doe@email.com", GatewayClient.parse(SeedGuide.PATIENT, PatientRequest.class).getEmail()),
                () -> GatewayClient.parse(SeedGuide.APPOINTMENT, AppointmentRequest.class),
                () -> GatewayClient.parse(SeedGuide.TREATMENT, TreatmentRequest.class),
                () -> GatewayClient.parse(SeedGuide.BOM, BomRequest.class),
                () -> GatewayClient.parse(SeedGuide.PRODUCTION_ORDER, ProductionOrderRequest.class),
                () -> GatewayClient.parse(SeedGuide.WORK_CENTER, WorkCenterRequest.class),
                () -> assertEquals("#2E86AB", GatewayClient.parse(SeedGuide.BRANDING, BrandingRequest.class).getPrimaryColor()),
                () -> assertEquals(1L, GatewayClient.parse(SeedGuide.ADD_USER, AddMemberRequest.class).getUserId()),
                () -> GatewayClient.parse(SeedGuide.UPDATE_USER_ROLE, ChangeRoleRequest.class),
                () -> GatewayClient.parse(SeedGuide.FEATURES, new TypeReference<Map<String, Boolean>>() {
                }),
                () -> assertEquals(10000, GatewayClient.parse(SeedGuide.SUBSCRIPTION, SubscriptionRequest.class).getMaxTransactionsPerMonth()));
    }
}

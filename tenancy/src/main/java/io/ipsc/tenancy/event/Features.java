package io.ipsc.tenancy.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature toggles a tenant can have, and their defaults per organisation type (ABP's
 * "tenant → plan → default" lookup ends here, at the default).
 */
public final class Features {

    public static final String DENTAL_MANAGEMENT = "dental_management";
    public static final String MANUFACTURING_MANAGEMENT = "manufacturing_management";
    public static final String INVENTORY_MANAGEMENT = "inventory_management";
    public static final String ADVANCED_REPORTING = "advanced_reporting";
    public static final String API_ACCESS = "api_access";
    public static final String GST_COMPLIANCE = "gst_compliance";

    public static final List<String> ALL = List.of(DENTAL_MANAGEMENT, MANUFACTURING_MANAGEMENT,
            INVENTORY_MANAGEMENT, ADVANCED_REPORTING, API_ACCESS, GST_COMPLIANCE);

    private Features() {
    }

    public static Map<String, Boolean> defaultsFor(OrganizationType type) {
        Map<String, Boolean> features = new LinkedHashMap<>();
        features.put(DENTAL_MANAGEMENT, type == OrganizationType.DENTAL_CLINIC);
        features.put(MANUFACTURING_MANAGEMENT, type == OrganizationType.MANUFACTURING);
        features.put(INVENTORY_MANAGEMENT, true);
        features.put(ADVANCED_REPORTING, false);
        features.put(API_ACCESS, true);
        features.put(GST_COMPLIANCE, true);
        return features;
    }
}

package io.ipsc.tenancy.event;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which services keep a database for a tenant (design §4): invoicing and branding for every tenant,
 * dental and manufacturing when their feature is on. One table, read by the provisioners and by
 * tenant-service when it decides that a tenant is ready.
 */
public final class ServiceNeeds {

    /** Service name → the feature that switches it on, or null when every tenant needs it. */
    public static final Map<String, String> SERVICES = Map.of(
            "invoicing", "",
            "branding", "",
            "dental", Features.DENTAL_MANAGEMENT,
            "manufacturing", Features.MANUFACTURING_MANAGEMENT);

    private ServiceNeeds() {
    }

    public static boolean needs(String service, Map<String, Boolean> features) {
        String feature = SERVICES.get(service);
        if (feature == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return feature.isEmpty() || (features != null && Boolean.TRUE.equals(features.get(feature)));
    }

    public static Set<String> neededBy(Map<String, Boolean> features) {
        Set<String> needed = new LinkedHashSet<>();
        for (String service : new String[]{"invoicing", "branding", "dental", "manufacturing"}) {
            if (needs(service, features)) {
                needed.add(service);
            }
        }
        return needed;
    }
}

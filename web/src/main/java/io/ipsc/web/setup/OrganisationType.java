package io.ipsc.web.setup;

import java.util.List;

/** The organisation types tenant-service accepts, with what each brings, for the set-up form. */
public record OrganisationType(String value, String label, String brings) {

    public static final List<OrganisationType> ALL = List.of(
            new OrganisationType("dental_clinic", "Dental clinic",
                    "patients, appointments, treatments and dental supplies, with invoicing"),
            new OrganisationType("manufacturing", "Manufacturing",
                    "bills of materials, production orders, work centres and quality control, with invoicing"),
            new OrganisationType("business", "General business",
                    "products, customers, GST invoices, purchases and cash flow"));

    public static final List<String> SIZES = List.of("micro", "small", "medium", "large", "enterprise");
}

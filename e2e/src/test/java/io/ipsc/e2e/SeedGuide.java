package io.ipsc.e2e;

/**
 * The request bodies of the seed user guide ({@code shared/seed/000_55da231e8040af8d.txt}), copied as
 * the guide prints them: the promise is that they work as written, so they are sent as this text.
 */
final class SeedGuide {

    private SeedGuide() {
    }

    static final String SMILE_DENTAL = """
            {
              "name": "Smile Dental Clinic",
              "slug": "smile-dental",
              "organization_type": "dental_clinic",
              "contact_person": "Dr. Sarah Johnson",
              "contact_email": "dr.sarah@smiledental.com",
              "contact_phone": "+91-9876543210",
              "gstin": "27AABFS1234A1Z5",
              "industry": "Healthcare",
              "size": "small",
              "address_line1": "123 Dental Street",
              "city": "Mumbai",
              "state": "Maharashtra",
              "pincode": "400001"
            }""";

    static final String PRECISION_MFG = """
            {
              "name": "Precision Manufacturing Co.",
              "slug": "precision-mfg",
              "organization_type": "manufacturing",
              "contact_person": "Rajesh Kumar",
              "contact_email": "rajesh@precisionmfg.com",
              "contact_phone": "+91-9876543211",
              "gstin": "29AABPM5678B2Z9",
              "industry": "Manufacturing",
              "size": "medium",
              "address_line1": "456 Industrial Park",
              "city": "Bangalore",
              "state": "Karnataka",
              "pincode": "560001"
            }""";

    static final String ABC_TRADING = """
            {
              "name": "ABC Trading Company",
              "slug": "abc-trading",
              "organization_type": "business",
              "contact_person": "Amit Patel",
              "contact_email": "amit@abctrading.com",
              "contact_phone": "+91-9876543212",
              "gstin": "24AABAT9876C3Z1",
              "industry": "Trading",
              "size": "small",
              "address_line1": "789 Business Avenue",
              "city": "Delhi",
              "state": "Delhi",
              "pincode": "110001"
            }""";

    static final String UPDATE_TENANT = """
            {
              "contact_person": "Dr. Sarah Johnson (Updated)",
              "subscription_plan": "premium",
              "max_users": 10
            }""";

    static final String PATIENT = """
            {
              "first_name": "John",
              "last_name": "Doe",
              "phone": "+91-9876543212",
              "email": "john.doe@email.com",
              "date_of_birth": "1990-01-01"
            }""";

    static final String APPOINTMENT = """
            {
              "patient_id": 1,
              "appointment_date": "2024-01-15T10:00:00",
              "treatment_type": "Regular Checkup",
              "notes": "Annual dental checkup"
            }""";

    static final String TREATMENT = """
            {
              "patient_id": 1,
              "treatment_date": "2024-01-15T10:00:00",
              "treatment_type": "Root Canal",
              "cost": 5000,
              "notes": "Completed root canal treatment"
            }""";

    static final String BOM = """
            {
              "bom_id": "BOM-001",
              "product_id": 1,
              "description": "Main Assembly BOM",
              "version": "1.0"
            }""";

    static final String PRODUCTION_ORDER = """
            {
              "order_number": "PO-001",
              "bom_id": 1,
              "quantity": 100,
              "start_date": "2024-01-15",
              "due_date": "2024-01-20"
            }""";

    static final String WORK_CENTER = """
            {
              "name": "Assembly Line 1",
              "description": "Main assembly line",
              "capacity": 100,
              "efficiency": 0.95
            }""";

    static final String BRANDING = """
            {
              "primary_color": "#2E86AB",
              "secondary_color": "#A23B72",
              "accent_color": "#F18F01",
              "logo_url": "https://example.com/logo.png",
              "company_name": "Smile Dental Clinic"
            }""";

    static final String ADD_USER = """
            {
              "user_id": 1,
              "role": "admin"
            }""";

    static final String UPDATE_USER_ROLE = """
            {
              "role": "manager"
            }""";

    static final String FEATURES = """
            {
              "dental_management": true,
              "inventory_management": true,
              "advanced_reporting": false,
              "api_access": true
            }""";

    static final String SUBSCRIPTION = """
            {
              "plan": "premium",
              "max_users": 10,
              "max_products": 1000,
              "max_transactions_per_month": 10000
            }""";
}

package io.ipsc.tenant.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Map;

/** A tenant (organisation) as the control plane keeps it. */
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String slug;
    public String name;
    @Column(name = "organization_type")
    public String organizationType;
    public String status;
    @Column(name = "contact_person")
    public String contactPerson;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "contact_phone")
    public String contactPhone;
    public String gstin;
    @Column(name = "gstin_verified")
    public boolean gstinVerified;
    public String industry;
    public String size;
    @Column(name = "address_line1")
    public String addressLine1;
    @Column(name = "address_line2")
    public String addressLine2;
    public String city;
    public String state;
    public String pincode;
    public String country;
    @Convert(converter = FeatureMapConverter.class)
    public Map<String, Boolean> features;
    @Column(name = "subscription_plan")
    public String subscriptionPlan;
    @Column(name = "max_users")
    public Integer maxUsers;
    @Column(name = "max_products")
    public Integer maxProducts;
    @Column(name = "max_transactions_per_month")
    public Integer maxTransactionsPerMonth;
    /** Optimistic lock, and the version carried by every lifecycle event. */
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    /** The database cluster that holds the tenant's databases in every service (see PlacementPolicy). */
    public String cluster;
    /** Grows each time {@link #cluster} changes (a move), so that services tell a move from a replayed snapshot. */
    @Column(name = "placement_version")
    public long placementVersion;
    /** When every service the tenant needs first reported its databases ready. */
    @Column(name = "activated_at")
    public Instant activatedAt;
}

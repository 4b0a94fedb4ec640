package io.ipsc.tenant.invitation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An invitation to join a tenant with a role, for an e-mail that has no account yet; used at most once. */
@Entity
@Table(name = "invitations")
public class Invitation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "tenant_id")
    public Long tenantId;
    public String email;
    public String role;
    /** SHA-256 of the token; the token itself is shown once, to the admin who invited. */
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "invited_by")
    public Long invitedBy;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "accepted_user_id")
    public Long acceptedUserId;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "created_at")
    public Instant createdAt;

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}

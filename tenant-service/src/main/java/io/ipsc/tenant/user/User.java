package io.ipsc.tenant.user;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person who can sign in. User 1 is the first platform admin, created at first start. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String email;
    @Column(name = "full_name")
    public String fullName;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "platform_admin")
    public boolean platformAdmin;
    public boolean active;
    @Column(name = "failed_logins")
    public int failedLogins;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

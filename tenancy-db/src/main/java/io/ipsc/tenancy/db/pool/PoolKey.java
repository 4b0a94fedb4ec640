package io.ipsc.tenancy.db.pool;

/**
 * Which pool: a tenant's database on one cluster. Keyed by both so that a tenant's database can be
 * on another cluster tomorrow (a move) while the pool on the old one drains.
 */
record PoolKey(String cluster, String tenant) {
}

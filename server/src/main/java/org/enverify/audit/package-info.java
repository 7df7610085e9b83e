/**
 * The audit trail: who changed which realm configuration, when and how, in one append-only,
 * hash-chained log per realm (and one for system-wide changes) that {@code audit verify} checks.
 */
package org.enverify.audit;

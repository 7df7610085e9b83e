/**
 * Daily logical backups of the database to the blob store, as plain SQL that {@code psql} restores:
 * made by {@code pg_dump} when a version that can read the server is at hand, else by a built-in
 * exporter for the schemas Enverify creates.
 */
package org.enverify.backup;

/**
 * Durable jobs and periodic tasks on db-scheduler, executed by the {@code worker} role. Features
 * contribute {@link org.enverify.jobs.PeriodicTask}s and {@link org.enverify.jobs.CleanupStep}s as beans.
 */
package org.enverify.jobs;

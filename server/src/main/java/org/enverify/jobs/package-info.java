/** Durable jobs and periodic tasks, executed by the {@code worker} role. */
package org.enverify.jobs;

/** Daily statistics: exact counters of committed events, written in batches a second apart at most. */
package org.enverify.stats;

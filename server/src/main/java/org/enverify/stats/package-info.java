/** Daily statistics: exact counters written in the transaction of the event they count. */
package org.enverify.stats;

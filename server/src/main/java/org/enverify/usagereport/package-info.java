/**
 * Usage report: once a day, the worker sends each realm's figures of the previous UTC days to a collector the
 * operator names, with realms and users named by keyed pseudonyms instead of their ids.
 */
package org.enverify.usagereport;

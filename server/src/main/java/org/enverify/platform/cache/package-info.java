/** Dropping cached entries in every process when the data behind them changes. */
@org.springframework.modulith.NamedInterface("cache")
package org.enverify.platform.cache;

/** The one CSV writer of every export, which keeps spreadsheet formulas out of exported text. */
@org.springframework.modulith.NamedInterface("csv")
package org.enverify.platform.csv;

/** The command line that shares the server's jar and configuration. */
@org.springframework.modulith.NamedInterface("cli")
package org.enverify.platform.cli;

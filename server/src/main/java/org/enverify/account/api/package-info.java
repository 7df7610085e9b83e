/**
 * A realm's people as management API resources: its members with upstream's search, invitations, permission
 * changes and removal; and the installation's accounts, for the operator. A nested module, because it builds on
 * the management API's foundation, which in turn reads {@code realm}'s types.
 */
@ApplicationModule
package org.enverify.account.api;

import org.springframework.modulith.ApplicationModule;

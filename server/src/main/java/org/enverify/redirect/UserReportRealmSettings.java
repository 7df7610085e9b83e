package org.enverify.redirect;

/** Whether the redirect role serves a realm's user-report web page. */
public record UserReportRealmSettings(boolean allowUserReportWebView) {}

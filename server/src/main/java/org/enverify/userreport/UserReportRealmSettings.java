package org.enverify.userreport;

/** Whether the redirect role serves a realm's user-report web page. */
public record UserReportRealmSettings(boolean allowUserReportWebView) {}

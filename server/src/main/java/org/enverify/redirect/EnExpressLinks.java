package org.enverify.redirect;

import java.util.Locale;
import java.util.regex.Pattern;
import org.enverify.realm.RealmHostNames;
import org.springframework.stereotype.Component;

/**
 * The EN Express link an SMS carries for a code, as upstream forms it and this feature's routes answer it:
 * {@code https://<region code in lower case>.<redirect domain>/v?c=<long code>}, or without a redirect
 * domain the bare {@code ens://v?r=<REGION>&c=<long code>} that phones with EN Express open directly.
 */
@Component
public class EnExpressLinks {

    /** The path of a link that carries a code. */
    static final String CODE_PATH = "/v";

    /** The query parameter that carries the code. */
    static final String CODE_PARAMETER = "c";

    /** What a code in a link may be: letters and digits, no longer than any code a realm issues. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final RealmHostNames hosts;

    EnExpressLinks(RealmHostNames hosts) {
        this.hosts = hosts;
    }

    /** The link for {@code longCode} in the realm with this region code. */
    public String link(String regionCode, String longCode) {
        return hosts.appLinkHost(regionCode)
                .map(host -> "https://" + host + CODE_PATH + "?" + CODE_PARAMETER + "=" + longCode)
                .orElseGet(() ->
                        "ens://v?r=" + regionCode.toUpperCase(Locale.ROOT) + "&" + CODE_PARAMETER + "=" + longCode);
    }

    static boolean isCode(String value) {
        return CODE.matcher(value).matches();
    }
}

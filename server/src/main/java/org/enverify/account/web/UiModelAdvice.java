package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import org.enverify.platform.EnverifySettings;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout of every UI page shows: who is signed in, in which realm, and the notices. */
@ControllerAdvice(annotations = UiController.class)
class UiModelAdvice {

    private final EnverifySettings settings;
    private final String systemNotice;

    UiModelAdvice(EnverifySettings settings, @Value("${enverify.system-notice:}") String systemNotice) {
        this.settings = settings;
        this.systemNotice = systemNotice;
    }

    @ModelAttribute("ui")
    UiContext ui(HttpServletRequest request) {
        return (UiContext) request.getAttribute(UiContext.ATTRIBUTE);
    }

    @ModelAttribute("maintenance")
    boolean maintenance() {
        return settings.maintenanceMode();
    }

    /** Set by {@link UiInterceptor} on realm pages whose realm prompts for email verification. */
    @ModelAttribute("emailUnverified")
    boolean emailUnverified(HttpServletRequest request) {
        return request.getAttribute(UiInterceptor.EMAIL_UNVERIFIED) != null;
    }

    /** Set by {@link UiInterceptor} on realm pages in the warning period of password rotation. */
    @ModelAttribute("passwordExpiresInDays")
    Long passwordExpiresInDays(HttpServletRequest request) {
        return (Long) request.getAttribute(UiInterceptor.PASSWORD_EXPIRES_IN_DAYS);
    }

    @ModelAttribute("systemNotice")
    String systemNotice() {
        return systemNotice;
    }
}

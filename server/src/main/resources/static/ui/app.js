// Enverify web UI: no build step. CSRF header for htmx requests, and live expiry countdowns.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="csrf-token"]');
  const header = document.querySelector('meta[name="csrf-header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

function updateCountdowns() {
  document.querySelectorAll("[data-expires-at]").forEach((element) => {
    const left = Math.max(0, Math.floor((Date.parse(element.dataset.expiresAt) - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    element.textContent = left > 0 ? `${minutes}:${seconds}` : element.dataset.expiredText;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  updateCountdowns();
  setInterval(updateCountdowns, 1000);
});
document.addEventListener("htmx:afterSwap", updateCountdowns);

// The issue form sends the browser's offset from UTC, which widens the allowed dates by a day west of UTC.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-tz-offset]").forEach((input) => {
    input.value = String(-new Date().getTimezoneOffset());
  });
});

// Passkeys through Spring Security's /login/webauthn.js (loaded by the pages that use them), with the CSRF header.
document.addEventListener("DOMContentLoaded", () => {
  const token = document.querySelector('meta[name="csrf-token"]');
  const header = document.querySelector('meta[name="csrf-header"]');
  const headers = token && header ? { [header.content]: token.content } : {};
  const contextPath = (element) => element.dataset.contextPath.replace(/\/$/, "");
  const signIn = document.querySelector("[data-passkey-sign-in]");
  if (signIn && window.setupLogin) {
    window.setupLogin(headers, contextPath(signIn), signIn);
  }
  const register = document.querySelector("[data-passkey-register]");
  if (register && window.setupRegistration) {
    window.setupRegistration(headers, contextPath(register), {
      getRegisterButton: () => register,
      getLabelInput: () => document.getElementById("passkey-label"),
      getSuccess: () => document.getElementById("passkey-success"),
      getError: () => document.getElementById("passkey-error"),
      getDeleteForms: () => [],
    });
  }
});

// Menus of the navigation are <details>: one open at a time, closed by a click elsewhere or by Escape.
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.app-menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) {
      menu.open = false;
    }
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  document.querySelectorAll("details.app-menu[open]").forEach((menu) => {
    menu.open = false;
    menu.querySelector("summary").focus();
  });
});

// Times the server wrote in UTC (<time data-local-time datetime="...Z">) shown in the viewer's time zone and language;
// the UTC text stays in the title, shown on hover.
document.addEventListener("DOMContentLoaded", () => {
  const local = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    dateStyle: "medium",
    timeStyle: "medium",
  });
  document.querySelectorAll("time[data-local-time]").forEach((time) => {
    time.textContent = local.format(new Date(time.dateTime));
  });
});

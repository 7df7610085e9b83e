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

// Destructive actions (fragments/confirm) ask in a dialog first; without JavaScript the server asks on a page of its
// own. Confirming posts the form again, through the same button, with confirmed=yes, which the server carries out.
document.addEventListener("DOMContentLoaded", () => {
  let dialog = null;
  let pending = null;
  const build = () => {
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-question");
    dialog.setAttribute("aria-describedby", "confirm-dialog-consequence");
    const question = document.createElement("h2");
    question.id = "confirm-dialog-question";
    question.className = "h5";
    const consequence = document.createElement("p");
    consequence.id = "confirm-dialog-consequence";
    const buttons = document.createElement("div");
    buttons.className = "d-flex gap-2 justify-content-end";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "btn btn-outline-secondary";
    cancel.dataset.confirmCancel = "";
    cancel.addEventListener("click", () => dialog.close());
    const yes = document.createElement("button");
    yes.type = "button";
    yes.className = "btn btn-danger";
    yes.dataset.confirmYes = "";
    yes.addEventListener("click", () => {
      const { form, button } = pending;
      const confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "yes";
      form.append(confirmed);
      form.dataset.confirmed = "yes";
      yes.disabled = true;
      form.requestSubmit(button);
    });
    buttons.append(cancel, yes);
    dialog.append(question, consequence, buttons);
    document.body.append(dialog);
  };
  document.addEventListener("submit", (event) => {
    const button = event.submitter;
    const form = event.target;
    if (!button || !button.matches("[data-confirm]") || form.dataset.confirmed === "yes") {
      return;
    }
    event.preventDefault();
    if (!dialog) {
      build();
    }
    pending = { form, button };
    dialog.querySelector("h2").textContent = button.dataset.confirmQuestion;
    dialog.querySelector("p").textContent = button.dataset.confirmConsequence;
    const yes = dialog.querySelector("[data-confirm-yes]");
    yes.textContent = button.dataset.confirmYes;
    yes.disabled = false;
    const cancel = dialog.querySelector("[data-confirm-cancel]");
    cancel.textContent = button.dataset.confirmCancel;
    dialog.showModal();
    cancel.focus();
  });
});

// A form that creates something sends once: its submit button is disabled after the first click (the server also
// issues once per form, so a second post that slips through changes nothing).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-submit-once]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.submitted) {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = "true";
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.disabled = true;
      });
    });
  });
});

// Copy buttons: hidden without JavaScript; each copies the text of the element its data-copy names.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      await navigator.clipboard.writeText(source.dataset.copyText || source.textContent.trim());
      const label = button.textContent;
      button.textContent = button.dataset.copied;
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    });
  });
});

// The phone field's country picker (intl-tel-input, loaded by the pages that have one). The number is sent as
// typed, with the chosen country in the phoneCountry field; the server reads and checks it with libphonenumber.
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector("[data-phone-picker]");
  if (!field || !window.intlTelInput) {
    return;
  }
  const input = field.querySelector("input[type=tel]");
  const country = document.querySelector("input[name=phoneCountry]");
  const texts = field.dataset;
  const picker = window.intlTelInput(input, {
    initialCountry: (texts.phoneCountry || "").toLowerCase(),
    countryNameLocale: document.documentElement.lang || "en",
    placeholderNumberPolicy: "OFF",
    strictMode: false,
    uiTranslations: {
      selectedCountryAriaLabel: texts.phoneSelectedCountry,
      noCountrySelected: texts.phoneNoCountry,
      countryListAriaLabel: texts.phoneCountryList,
      searchPlaceholder: texts.phoneSearch,
      clearSearchAriaLabel: texts.phoneClearSearch,
      closeCountrySelectorAriaLabel: texts.phoneClose,
      searchEmptyState: texts.phoneNoResults,
      searchSummaryAria: (count) => texts.phoneResults.replace("{0}", String(count)),
    },
  });
  const remember = () => {
    const chosen = picker.getSelectedCountry();
    country.value = chosen && chosen.iso2 ? chosen.iso2.toUpperCase() : "";
  };
  input.addEventListener("countrychange", remember);
  remember();
  // the library names its country search by aria-label only; every field of ours has a label element
  const search = field.querySelector("input[type=search]");
  if (search && search.id) {
    const label = document.createElement("label");
    label.htmlFor = search.id;
    label.className = "visually-hidden";
    label.textContent = texts.phoneSearch;
    search.before(label);
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
// the UTC text the server wrote stays in the title (unless the page gave one), shown on hover.
document.addEventListener("DOMContentLoaded", () => {
  const local = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    dateStyle: "medium",
    timeStyle: "medium",
  });
  document.querySelectorAll("time[data-local-time]").forEach((time) => {
    const moment = new Date(time.dateTime);
    if (Number.isNaN(moment.getTime())) {
      return;
    }
    time.title = time.title || time.textContent;
    time.textContent = local.format(moment);
  });
});

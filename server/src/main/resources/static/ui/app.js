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

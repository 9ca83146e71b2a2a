// Showroom's small improvements on top of pages that work without JavaScript.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // The language chooser in the top bar applies as soon as a language is picked.
  const language = document.getElementById("topbar-language");
  if (language && language.form) {
    const button = language.form.querySelector("button[type=submit]");
    if (button) button.hidden = true;
    language.addEventListener("change", () => language.form.requestSubmit());
  }

  // Contact search on the new-lead page: results as you type (the form still works alone).
  document.querySelectorAll("form[data-live-search]").forEach((form) => {
    const input = form.querySelector("input[type=search]");
    const target = document.getElementById(form.dataset.liveSearch);
    if (!input || !target) return;
    let timer = null;
    let last = input.value;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        if (q === last) return;
        last = q;
        const url = form.action + "?fragment=1&q=" + encodeURIComponent(q);
        try {
          const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
          if (!response.ok) return;
          const html = await response.text();
          const doc = new DOMParser().parseFromString(html, "text/html");
          const fresh = doc.getElementById(target.id);
          if (fresh) target.replaceWith(fresh);
        } catch (_) { /* the plain form still works */ }
      }, 200);
    });
  });
});

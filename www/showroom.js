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
});

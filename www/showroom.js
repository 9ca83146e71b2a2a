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
    if (!input || !document.getElementById(form.dataset.liveSearch)) return;
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
          const fresh = doc.getElementById(form.dataset.liveSearch);
          const current = document.getElementById(form.dataset.liveSearch);
          if (fresh && current) current.replaceWith(fresh);
        } catch (_) { /* the plain form still works */ }
      }, 200);
    });
  });
});

// Documents (lead page, Details): drag and drop onto the upload box, and a real progress bar
// (XMLHttpRequest upload events). Without JavaScript the form posts as a plain multipart form.
(() => {
  "use strict";

  function setup(form) {
    if (!form || form.dataset.ready || !window.FormData || !window.XMLHttpRequest) return;
    form.dataset.ready = "1";
    const box = form.closest("#documents") || form;
    const input = form.querySelector("input[type=file]");
    const button = form.querySelector("button[type=submit]");
    const progressWrap = form.querySelector(".upload-progress");
    const progress = form.querySelector("progress");
    const status = form.querySelector(".upload-status");
    const dropHint = form.querySelector(".drop-hint");
    if (dropHint) dropHint.hidden = false;

    const carriesFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
    ["dragenter", "dragover"].forEach((name) => box.addEventListener(name, (e) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      box.classList.add("is-dragging");
    }));
    box.addEventListener("dragleave", (e) => {
      if (!box.contains(e.relatedTarget)) box.classList.remove("is-dragging");
    });
    box.addEventListener("drop", (e) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      box.classList.remove("is-dragging");
      if (e.dataTransfer.files.length && input) {
        input.files = e.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        const title = form.querySelector("input[name=title]");
        if (title && !title.value) title.focus(); else if (button) button.focus();
      }
    });

    form.addEventListener("submit", (e) => {
      if (!form.checkValidity()) return; // the browser shows what is missing
      e.preventDefault();
      // Over the limit: say so at once instead of sending megabytes to be refused.
      const total = input ? Array.from(input.files).reduce((sum, f) => sum + f.size, 0) : 0;
      if (Number(form.dataset.maxBytes) > 0 && total > Number(form.dataset.maxBytes)) {
        if (status) status.textContent = form.dataset.tooLarge;
        return;
      }
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.responseType = "document";
      const say = (text) => { if (status) status.textContent = text; };
      xhr.upload.addEventListener("progress", (ev) => {
        if (!ev.lengthComputable) return;
        const percent = Math.floor((ev.loaded / ev.total) * 100);
        if (progress) progress.value = percent;
        say(percent >= 100 ? form.dataset.checking : form.dataset.uploading.replace("{percent}", percent + " %"));
      });
      xhr.addEventListener("load", () => {
        const doc = xhr.response;
        const fresh = doc && doc.getElementById("documents");
        if (fresh) {
          // Saved (the redirect led back to the lead page) or refused with reasons: either
          // way the new box says so. The timeline gets its new entries too.
          document.getElementById("documents").replaceWith(fresh);
          const timeline = doc.querySelector(".timeline-card");
          const old = document.querySelector(".timeline-card");
          if (timeline && old) old.replaceWith(timeline);
          const newForm = fresh.querySelector("form[data-upload]");
          setup(newForm);
          const alert = fresh.querySelector("[role=alert]");
          if (alert) {
            alert.setAttribute("tabindex", "-1");
            alert.focus();
          } else if (newForm) {
            const s = newForm.querySelector(".upload-status");
            if (s) s.textContent = newForm.dataset.saved;
          }
          return;
        }
        // An error page (too large, expired form…): show its words here.
        const words = doc && doc.querySelector(".error-page");
        done();
        say(words ? Array.from(words.querySelectorAll("h1, p:not(.error-code)")).map((n) => n.textContent.trim()).filter(Boolean).join(" ") : form.dataset.failed);
      });
      xhr.addEventListener("error", () => { done(); say(form.dataset.failed); });
      xhr.addEventListener("abort", () => { done(); say(form.dataset.failed); });
      const done = () => {
        if (button) button.disabled = false;
        if (progressWrap) progressWrap.hidden = true;
      };
      const data = new FormData(form);
      if (button) button.disabled = true;
      if (progress) progress.value = 0;
      if (progressWrap) progressWrap.hidden = false;
      say(form.dataset.uploading.replace("{percent}", "0 %"));
      xhr.send(data);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-upload]").forEach(setup);
  });
})();

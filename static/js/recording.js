// The recording page: autosave status, retries when the connection drops, and stale-save choices.
(function () {
  "use strict";
  var RETRY_MS = 5000;

  function root() { return document.getElementById("recording"); }

  function statusOf(form) {
    return form.querySelector(".save-status");
  }

  function say(form, text, cls) {
    var box = statusOf(form);
    if (!box) return;
    box.textContent = text;
    box.className = "save-status " + (cls || "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!root() || !window.htmx) return;
    // A hung request ends as an error, so it is retried instead of waiting forever.
    htmx.config.timeout = 15000;
  });

  // Refusals (invalid input, someone else saved first) carry the section to show: swap them too.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var code = event.detail.xhr.status;
    if (code === 400 || code === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-retry]")) return;
    clearTimeout(form._retry);
    if (form.classList.contains("autosave")) say(form, root().dataset.saving, "muted");
  });

  function retryLater(event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-retry]")) return;
    say(form, root().dataset.offline, "warn");
    clearTimeout(form._retry);
    form._retry = setTimeout(function () { htmx.trigger(form, "retry"); }, RETRY_MS);
  }
  document.addEventListener("htmx:sendError", retryLater);
  document.addEventListener("htmx:timeout", retryLater);
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status >= 500) retryLater(event);
  });

  // Back online: send what is waiting now.
  window.addEventListener("online", function () {
    document.querySelectorAll("form[data-retry]").forEach(function (form) {
      if (form._retry) {
        clearTimeout(form._retry);
        htmx.trigger(form, "retry");
      }
    });
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    // "Add the speech" finishes the entry: the answer brings back the list and an empty form.
    if (target.matches("button[data-final]")) {
      var final = target.form && target.form.querySelector("input[name=final]");
      if (final) final.value = "1";
      return;
    }
    var conflict = target.closest(".conflict[data-version]");
    if (!conflict) return;
    var form = conflict.closest("form");
    var version = form.querySelector("input[name$='version']");
    if (target.matches("[data-take-theirs]")) {
      var values = JSON.parse(conflict.dataset.values || "{}");
      Object.keys(values).forEach(function (name) {
        var field = form.querySelector("[name$='-" + name + "']");
        if (field) field.value = values[name];
      });
      version.value = conflict.dataset.version;
      say(form, "", "");
    } else if (target.matches("[data-keep-mine]")) {
      version.value = conflict.dataset.version;
      htmx.trigger(form, "retry");
    }
  });
})();

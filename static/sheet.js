// Mentoring sheet: autosave as she types, a copy on this device until the
// server has it (so a closed tab or a dropped connection loses nothing), a
// character counter per field, and a clear warning when another tab saved
// first (409). Without this script the form still works with its buttons.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var url = form.getAttribute("data-autosave");
  var key = "kakehashi-sheet-" + form.getAttribute("data-session");
  var status = form.querySelector(".save-status");
  var version = form.querySelector("input[name=version]");
  var fields = ["realizations", "next_actions", "questions"].map(function (n) {
    return form.querySelector("[name=" + n + "]");
  });
  var timer = null, saving = false, dirty = false, stale = false;

  function say(attr, extra) {
    status.textContent = status.getAttribute(attr) + (extra ? " " + extra : "");
  }
  function values() {
    var v = {};
    fields.forEach(function (f) { v[f.name] = f.value; });
    return v;
  }
  function keepLocal() {
    try {
      localStorage.setItem(key, JSON.stringify({ version: version.value, values: values() }));
    } catch (e) { /* storage full or disabled: the server copy still works */ }
  }
  function dropLocal() {
    try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }
  function body() {
    var data = new URLSearchParams(new FormData(form));
    data.delete("action");
    return data;
  }
  function save(keepalive) {
    if (stale || saving || !dirty) return;
    saving = true; dirty = false;
    say("data-saving");
    fetch(url, {
      method: "POST", body: body(), credentials: "same-origin", keepalive: !!keepalive,
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      saving = false;
      if (r.status === 409) {
        stale = true;
        status.classList.add("save-stale");
        say("data-stale");
        return null;
      }
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (j) {
      if (!j) return;
      version.value = j.version;
      if (dirty) { keepLocal(); schedule(); } else { dropLocal(); }
      say("data-saved", j.saved_at || "");
    }).catch(function () {
      saving = false; dirty = true;
      say("data-failed");
    });
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }
  function counter(f) {
    var max = parseInt(f.getAttribute("maxlength") || "0", 10);
    if (!max) return;
    var c = document.createElement("p");
    c.className = "counter";
    c.setAttribute("aria-live", "off");
    f.insertAdjacentElement("afterend", c);
    var update = function () {
      var n = Array.from(f.value.replace(/\r\n/g, "\n")).length;
      c.textContent = n + " / " + max;
      c.classList.toggle("counter-over", n > max);
    };
    f.addEventListener("input", update);
    update();
  }

  // A copy kept on this device that the server never got: put it back.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && kept.version === version.value) {
      var differs = fields.some(function (f) {
        return typeof kept.values[f.name] === "string" && kept.values[f.name] !== f.value;
      });
      if (differs) {
        fields.forEach(function (f) {
          if (typeof kept.values[f.name] === "string") f.value = kept.values[f.name];
        });
        say("data-restored");
        dirty = true; schedule();
      } else {
        dropLocal();
      }
    }
  } catch (e) { /* unreadable copy: ignore */ }

  fields.forEach(function (f) {
    counter(f);
    f.addEventListener("input", function () {
      dirty = true; keepLocal(); schedule();
    });
  });
  form.addEventListener("submit", function () { clearTimeout(timer); stale = true; });
  window.addEventListener("pagehide", function () { if (dirty) save(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && dirty) save(true);
  });
})();

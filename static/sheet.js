// Mentoring sheet: autosave as she types, a copy on this device until the
// server has it (so a closed tab or a dropped connection loses nothing), a
// character counter per field, and a clear warning when another tab saved
// first (409). Without this script the form still works with its buttons.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  // A sheet that can no longer be edited needs no copy on this device.
  document.querySelectorAll("[data-sheet-done]").forEach(function (el) {
    try { localStorage.removeItem("kakehashi-sheet-" + el.getAttribute("data-sheet-done")); } catch (e) { /* ignore */ }
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
  var timer = null, saving = false, dirty = false, stale = false, submitting = false;
  // Shown again after a problem (e.g. another tab saved first): what she
  // typed is not saved. Keep it on this device as a copy to show, never to
  // write over the other text without her pressing a button.
  var shownAgain = status.hasAttribute("data-dirty");

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
  var pending = null;
  function save(keepalive) {
    if (stale || saving || !dirty) return pending;
    saving = true; dirty = false;
    say("data-saving");
    var data = body();
    // Browsers refuse keepalive bodies over 64 KiB; a long sheet goes normally.
    var small = data.toString().length < 60000;
    pending = fetch(url, {
      method: "POST", body: data, credentials: "same-origin", keepalive: !!keepalive && small,
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      saving = false;
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) return j;
        var code = j && j.error && j.error.code;
        status.classList.add("save-stale");
        if (r.status === 409 && code === "stale_draft") {
          stale = true; say("data-stale");
        } else if (r.status === 409 || r.status === 404 || r.status === 403) {
          stale = true; say("data-gone");
        } else if (r.status === 422) {
          dirty = true; say("data-invalid");
        } else {
          throw new Error(String(r.status));
        }
        return null;
      });
    }).then(function (j) {
      if (!j) return;
      status.classList.remove("save-stale");
      version.value = j.version;
      if (dirty) { keepLocal(); schedule(); } else { dropLocal(); }
      say("data-saved", j.saved_at || "");
    }).catch(function () {
      saving = false; dirty = true;
      say("data-failed");
    });
    return pending;
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

  function showKept(values) {
    var box = document.createElement("div");
    box.className = "error-summary";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = status.getAttribute("data-kept");
    box.appendChild(p);
    fields.forEach(function (f) {
      var v = values[f.name];
      if (typeof v !== "string" || !v) return;
      var label = form.querySelector("label[for=" + f.id + "]");
      var h = document.createElement("p");
      h.textContent = label ? label.textContent : f.name;
      var t = document.createElement("textarea");
      t.readOnly = true; t.rows = 4; t.value = v;
      box.appendChild(h); box.appendChild(t);
    });
    form.insertAdjacentElement("beforebegin", box);
  }

  // A copy kept on this device that the server never got: put it back when it
  // was based on the text shown; otherwise show it beside the form.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && kept.version !== version.value) {
      var other = fields.some(function (f) {
        return typeof kept.values[f.name] === "string" && kept.values[f.name] !== f.value;
      });
      if (other) showKept(kept.values);
      dropLocal();
    } else if (kept) {
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

  if (shownAgain) {
    try {
      localStorage.setItem(key, JSON.stringify({ version: "unsaved", values: values() }));
    } catch (e) { /* ignore */ }
  }

  fields.forEach(function (f) {
    counter(f);
    f.addEventListener("input", function () {
      dirty = true; keepLocal(); schedule();
    });
  });
  // A button press while an autosave is on its way waits for it, so the form
  // carries the version that save produced.
  form.addEventListener("submit", function (ev) {
    clearTimeout(timer);
    if (submitting) return;
    var button = ev.submitter;
    if (saving && pending) {
      ev.preventDefault();
      pending.then(function () {
        submitting = true; stale = true;
        if (button && button.name) {
          var h = document.createElement("input");
          h.type = "hidden"; h.name = button.name; h.value = button.value;
          form.appendChild(h);
        }
        form.submit();
      });
      return;
    }
    submitting = true; stale = true;
  });
  window.addEventListener("pagehide", function () { if (dirty) save(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && dirty) save(true);
  });
})();

/* The review pack's script (coproduction_edu.review.pack): comments on each paragraph, the
   review questions and the choice of credit, kept in this browser as the reviewer types, and
   saved as one file for them to send. Nothing here sends anything anywhere: the only way out
   is the file the reviewer saves. Text the reviewer types goes into the page only as the value
   of a field or as textContent, never as markup. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cpe-review-config").textContent);
  var KEY = "cpe-review:" + config.unit;
  var form = document.getElementById("cpe-review");
  var status = document.getElementById("cpe-review-status");
  var INSIDE = { LI: true, DT: true, DD: true };
  var storable = true;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function blank() {
    return { id: uuid(), comments: {}, answers: {},
             credit: { as: "", name: "", role: "", consent_named: false, consent_publish: false } };
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "null");
      if (saved && typeof saved.id === "string") {
        var fresh = blank();
        saved.comments = saved.comments || {}; saved.answers = saved.answers || {};
        saved.credit = Object.assign(fresh.credit, saved.credit || {});
        return saved;
      }
    } catch (err) { storable = false; }
    return blank();
  }

  var state = load();

  // Written only when it changes, so a screen reader does not read it out at every keystroke.
  function say(text, problem) {
    if (status.textContent !== text) status.textContent = text;
    status.classList.toggle("cpe-review-problem", !!problem);
  }

  function keep() {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
      if (!storable) { storable = true; }
      say("Kept in this browser at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".");
    } catch (err) {
      storable = false;
      say("This browser cannot keep your work, so save your review as a file before you close this page.", true);
    }
  }

  function words(element, limit) {
    var text = element.textContent.replace(/\s+/g, " ").trim();
    return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
  }

  // One comment box per paragraph, folded until the reviewer opens it.
  var boxes = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-cpe-para]"), function (target) {
    var id = target.getAttribute("data-cpe-para");
    var wrap = document.createElement("div");
    wrap.className = "cpe-review-comment";
    var button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "cpe-c-" + id);
    var shown = document.createElement("span");
    shown.textContent = "Comment";
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " on: " + words(target, 60);
    button.appendChild(shown); button.appendChild(hidden);
    var region = document.createElement("div");
    region.id = "cpe-c-" + id;
    region.hidden = true;
    var label = document.createElement("label");
    label.htmlFor = "cpe-t-" + id;
    label.textContent = "Your comment on this part";
    var area = document.createElement("textarea");
    area.id = "cpe-t-" + id;
    area.rows = 3;
    area.maxLength = config.maxText;
    area.setAttribute("data-cpe-comment", id);
    region.appendChild(label); region.appendChild(area);
    var printed = document.createElement("div");
    printed.className = "cpe-review-printed";
    wrap.appendChild(button); wrap.appendChild(region); wrap.appendChild(printed);
    if (INSIDE[target.tagName]) target.appendChild(wrap);
    else target.parentNode.insertBefore(wrap, target.nextSibling);
    button.addEventListener("click", function () {
      var open = region.hidden;
      region.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) area.focus();
    });
    area.addEventListener("input", function () {
      if (area.value.trim()) state.comments[id] = area.value; else delete state.comments[id];
      show(boxes[id], area.value);
      keep();
    });
    boxes[id] = { area: area, region: region, button: button, shown: shown, target: target,
                  printed: printed, wrap: wrap };
  });

  // What a comment box shows: its state on the button, and its text for print.
  function show(box, text) {
    var written = !!text.trim();
    box.shown.textContent = written ? "Comment (written)" : "Comment";
    box.printed.textContent = written ? "Comment: " + text : "";
    box.wrap.classList.toggle("cpe-has-comment", written);
  }

  function printAnswer(area) {
    area.parentNode.querySelector(".cpe-review-printed").textContent = area.value;
  }

  var answers = form.querySelectorAll("[data-cpe-answer]");
  var radios = form.querySelectorAll("input[name='cpe-credit']");
  var name = document.getElementById("cpe-name");
  var nameField = document.getElementById("cpe-name-field");
  var role = document.getElementById("cpe-role");
  var named = document.getElementById("cpe-consent-named");
  var publish = document.getElementById("cpe-consent-publish");
  var NAME_LABELS = { name: "Your name", "chosen-name": "The name you choose" };

  function showCredit() {
    var as = state.credit.as;
    nameField.hidden = !(as in NAME_LABELS);
    named.parentNode.hidden = !(as in NAME_LABELS);
    if (as in NAME_LABELS) nameField.querySelector("label").textContent = NAME_LABELS[as];
  }

  // Put the state into every field the reviewer is not typing in.
  function apply() {
    Object.keys(boxes).forEach(function (id) {
      var box = boxes[id], text = state.comments[id] || "";
      if (document.activeElement !== box.area) box.area.value = text;
      if (text.trim()) { box.region.hidden = false; box.button.setAttribute("aria-expanded", "true"); }
      show(box, text);
    });
    Array.prototype.forEach.call(answers, function (area) {
      if (document.activeElement !== area) area.value = state.answers[area.getAttribute("data-cpe-answer")] || "";
      printAnswer(area);
    });
    Array.prototype.forEach.call(radios, function (radio) { radio.checked = radio.value === state.credit.as; });
    if (document.activeElement !== name) name.value = state.credit.name;
    role.value = state.credit.role;
    named.checked = !!state.credit.consent_named;
    publish.checked = !!state.credit.consent_publish;
    showCredit();
  }

  Array.prototype.forEach.call(answers, function (area) {
    area.addEventListener("input", function () {
      state.answers[area.getAttribute("data-cpe-answer")] = area.value;
      printAnswer(area);
      keep();
    });
  });
  Array.prototype.forEach.call(radios, function (radio) {
    radio.addEventListener("change", function () { state.credit.as = radio.value; showCredit(); keep(); });
  });
  name.addEventListener("input", function () { state.credit.name = name.value; keep(); });
  role.addEventListener("change", function () { state.credit.role = role.value; keep(); });
  named.addEventListener("change", function () { state.credit.consent_named = named.checked; keep(); });
  publish.addEventListener("change", function () { state.credit.consent_publish = publish.checked; keep(); });

  // The same pack open in a second tab: each shows what the other typed.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY) return;
    state = event.newValue ? load() : blank();
    apply();
  });

  function wellFormed(text) {
    return String(text).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      function (match, before) { return (before || "") + "\uFFFD"; });
  }

  // Keys sorted, no spaces: the form coproduction_edu.review.record checks the sum over.
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) {
        return JSON.stringify(k) + ":" + canonical(value[k]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function review() {
    var comments = [];
    Object.keys(boxes).forEach(function (id) {
      var text = state.comments[id];
      if (text && text.trim()) comments.push({ paragraph: id, excerpt: wellFormed(words(boxes[id].target, 200)), text: wellFormed(text) });
    });
    var given = {};
    Array.prototype.forEach.call(answers, function (area) {
      var key = area.getAttribute("data-cpe-answer");
      given[key] = wellFormed(state.answers[key] || "");
    });
    var credit = state.credit, anonymous = !(credit.as in NAME_LABELS);
    return {
      format: config.format, version: config.version, unit: config.unit, title: config.title,
      pack: config.pack, id: state.id, saved: new Date().toISOString(),
      credit: { as: credit.as, name: anonymous ? "" : wellFormed(credit.name.trim()), role: credit.role,
                consent_named: anonymous ? false : !!credit.consent_named, consent_publish: !!credit.consent_publish },
      answers: given, comments: comments
    };
  }

  function problem() {
    var credit = state.credit, hasText = Object.keys(state.comments).length > 0 ||
      Object.keys(state.answers).some(function (k) { return (state.answers[k] || "").trim(); });
    if (!hasText) return ["There is nothing to save yet: write a comment or answer a question first.", null];
    if (!credit.as) return ["Choose how you would like to be credited.", radios[0]];
    if (credit.as in NAME_LABELS && credit.name.trim().length < 2) return ["Write the name to show, or choose to be credited anonymously.", name];
    if (!credit.role) return ["Choose the role you are reviewing as.", role];
    if (credit.as in NAME_LABELS && !credit.consent_named) return ["You chose to be credited by name: tick that you agree to be named, or choose to be credited anonymously.", named];
    return null;
  }

  document.getElementById("cpe-review-save").addEventListener("click", function () {
    var found = problem();
    if (found) { say(found[0], true); if (found[1]) found[1].focus(); return; }
    var data = review();
    sha256(new TextEncoder().encode(canonical(data))).then(function (sum) {
      var text = JSON.stringify({ review: data, sha256: sum }, null, 2) + "\n";
      var file = "review-" + config.unit + "-" + data.saved.slice(0, 10) + ".json";
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      link.download = file;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
      say("Saved as " + file + ", usually in your Downloads folder. Send that file back as the last part of this page says. Your work is still kept here.");
    });
  });

  document.getElementById("cpe-review-clear").addEventListener("click", function () {
    if (!window.confirm("Delete your comments and answers from this browser? Save your review as a file first if you want to keep it.")) return;
    try { localStorage.removeItem(KEY); } catch (err) { /* nothing was kept */ }
    state = blank();
    apply();
    say("Your review has been deleted from this browser.");
  });

  // SHA-256: the browser's own where it has one (not on plain http), otherwise this one.
  function sha256(bytes) {
    if (window.crypto && crypto.subtle && window.isSecureContext) {
      return crypto.subtle.digest("SHA-256", bytes).then(hex);
    }
    return Promise.resolve(hex(sha256Fallback(bytes)));
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function sha256Fallback(bytes) {
    var K = [], H = [], n = 0, c = 2;
    function frac(x) { return (x - Math.floor(x)) * 4294967296 | 0; }
    for (; n < 64; c++) {
      var prime = true;
      for (var d = 2; d * d <= c; d++) if (c % d === 0) { prime = false; break; }
      if (prime) { if (n < 8) H[n] = frac(Math.pow(c, 1 / 2)); K[n++] = frac(Math.pow(c, 1 / 3)); }
    }
    var length = bytes.length, total = ((length + 9 + 63) >> 6) << 6;
    var data = new Uint8Array(total);
    data.set(bytes); data[length] = 128;
    var view = new DataView(data.buffer);
    view.setUint32(total - 8, Math.floor(length / 536870912)); view.setUint32(total - 4, length * 8);
    var w = new Array(64);
    for (var block = 0; block < total; block += 64) {
      for (var i = 0; i < 64; i++) {
        if (i < 16) w[i] = view.getUint32(block + i * 4);
        else {
          var a = w[i - 15], b = w[i - 2];
          w[i] = (w[i - 16] + ((a >>> 7 | a << 25) ^ (a >>> 18 | a << 14) ^ (a >>> 3)) + w[i - 7] +
                  ((b >>> 17 | b << 15) ^ (b >>> 19 | b << 13) ^ (b >>> 10))) | 0;
        }
      }
      var s = H.slice();
      for (i = 0; i < 64; i++) {
        var e = s[4], x = s[0];
        var t1 = (s[7] + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) +
                  ((e & s[5]) ^ (~e & s[6])) + K[i] + w[i]) | 0;
        var t2 = (((x >>> 2 | x << 30) ^ (x >>> 13 | x << 19) ^ (x >>> 22 | x << 10)) +
                  ((x & s[1]) ^ (x & s[2]) ^ (s[1] & s[2]))) | 0;
        s = [(t1 + t2) | 0, x, s[1], s[2], (s[3] + t1) | 0, e, s[5], s[6]];
      }
      for (i = 0; i < 8; i++) H[i] = (H[i] + s[i]) | 0;
    }
    var out = new DataView(new ArrayBuffer(32));
    for (i = 0; i < 8; i++) out.setUint32(i * 4, H[i] >>> 0);
    return out.buffer;
  }

  window.cpeReviewSha256 = function (text) { return hex(sha256Fallback(new TextEncoder().encode(text))); };
  form.hidden = false;
  document.getElementById("cpe-review-nojs").hidden = true;
  apply();
  if (!storable) say("This browser cannot keep your work, so save your review as a file before you close this page.", true);
}());

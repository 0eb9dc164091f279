/* coproduction_edu exercise runtime: plain JavaScript, no dependencies, no network.
   Each exercise block carries its data as JSON; this script makes the block interactive.
   The feedback rules mirror coproduction_edu/engine/*.py, and tests compare the two. */
(function () {
  "use strict";
  var CPE = (window.CPE = window.CPE || {});
  if (CPE.initAll) { CPE.initAll(); return; }

  var WORDS = { right: ["\u2713", "Right"], wrong: ["\u2717", "Not quite"],
                missed: ["\u25cb", "Missed"], note: ["\u2022", "Note"],
                written: ["\u2713", "Written"], unwritten: ["\u25cb", "Still to write"] };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" }[c];
    });
  }
  function $(root, selector) { return root.querySelector(selector); }
  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function item(id, labelHtml, verdict, reasonHtml) {
    return { id: id, label: labelHtml, verdict: verdict, reason: reasonHtml || "" };
  }
  function plural(forms, count) {
    return forms[count === 1 ? "one" : "other"].split("{count}").join(String(count));
  }
  // As markdown.needs_stop: does the author text lack a stop of its own at its end?
  function needsStop(raw) {
    var bare = String(raw).replace(/[\s*`\u201d\u2019"']+$/, "");
    return bare !== "" && ".!?\u2026:".indexOf(bare.charAt(bare.length - 1)) < 0;
  }
  // Author texts joined as sentences: pairs of [raw text, its HTML].
  function sentences(pairs) {
    return pairs.filter(function (p) { return String(p[0]).trim(); }).map(function (p) {
      return String(p[1]).replace(/\s+$/, "") + (needsStop(p[0]) ? "." : "");
    }).join(" ");
  }
  function summarise(msg, items, total, choosing) {
    var n = { right: 0, wrong: 0, missed: 0 };
    items.forEach(function (i) { if (i.verdict in n) n[i.verdict] += 1; });
    if (!n.wrong && !n.missed) return msg.all_right;
    if (!n.wrong) return msg.missed_only;
    if (!n.right) return msg.none_right;
    if (choosing) return fill(msg.chose_extra, { right: n.right, fits: plural(msg.fits, total),
                                                 extra: plural(msg.extra, n.wrong) });
    return fill(msg.some_right, { right: n.right, total: total });
  }
  function count(items, verdict) { return items.filter(function (i) { return i.verdict === verdict; }).length; }
  // Feedback on a try. ``score`` (0 to 1) is given by the activities that can be marked; the
  // page hears a "cpe-feedback" event, which a learning platform's package may report.
  function show(ex, summaryHtml, items, extraHtml, score) {
    var rows = items.map(function (i) {
      var w = WORDS[i.verdict];
      return '<li class="cpe-item cpe-' + i.verdict + '" data-item="' + esc(i.id) + '">' +
        '<span class="cpe-verdict"><span aria-hidden="true">' + w[0] + "</span> " + w[1] +
        ':</span> <span class="cpe-label">' + i.label + "</span> " +
        (i.reason ? '<span class="cpe-reason">' + i.reason + "</span>" : "") + "</li>";
    }).join("");
    ex.feedback.innerHTML = '<p class="cpe-summary">' + summaryHtml + "</p>" +
      (rows ? '<ul class="cpe-items">' + rows + "</ul>" : "") + (extraHtml || "");
    unlockAnswers(ex);
    ex.root.dispatchEvent(new CustomEvent("cpe-feedback", { bubbles: true, detail: {
      ref: ex.data.ref, type: ex.type, score: typeof score === "number" ? score : null } }));
  }
  function ask(ex, text) { ex.feedback.innerHTML = '<p class="cpe-summary">' + esc(text) + "</p>"; }
  function picked(ex, name) {
    return $$(ex.root, 'input[name="' + name + '"]:checked').map(function (i) { return i.value; });
  }

  var TYPES = {};

  // The student edition's pages carry this tag: there, Answers and reasons opens only once
  // the activity has given feedback on a first try (show() is called only for that).
  var AFTER_ATTEMPT = 'meta[name="cpe-answers"][content="after-attempt"]';
  var LOCKED_NOTE = "Answers and reasons open after your first try at this activity.";
  function lockAnswers(ex) {
    var details = $(ex.root, "details.cpe-answers");
    if (!details || !document.querySelector(AFTER_ATTEMPT)) return;
    var summary = $(details, "summary");
    ex.locked = details;
    details.open = false;
    details.classList.add("cpe-locked");
    summary.setAttribute("aria-disabled", "true");
    summary.insertAdjacentHTML("beforeend", '<span class="cpe-locked-note"> (after your first try)</span>');
    summary.addEventListener("click", function (event) {
      if (!ex.locked) return;
      event.preventDefault();
      ask(ex, LOCKED_NOTE);
    });
    details.addEventListener("toggle", function () { if (ex.locked && details.open) details.open = false; });
  }
  function unlockAnswers(ex) {
    if (!ex.locked) return;
    var note = $(ex.locked, ".cpe-locked-note");
    if (note) note.remove();
    ex.locked.classList.remove("cpe-locked");
    $(ex.locked, "summary").removeAttribute("aria-disabled");
    ex.locked = null;
  }

  TYPES.quiz = {
    check: function (ex) {
      var d = ex.data, chosen = picked(ex, ex.root.id);
      if (!chosen.length) return ask(ex, "Choose an answer first.");
      var items = [];
      d.options.forEach(function (o) {
        var on = chosen.indexOf(o.id) >= 0, verdict = null;
        if (on) verdict = o.correct ? "right" : "wrong";
        else if (o.correct && d.multiple) verdict = "missed";
        if (verdict) items.push(item(o.id, o.text_html, verdict, o.feedback_html));
      });
      var total = d.options.filter(function (o) { return o.correct; }).length;
      show(ex, esc(summarise(d.messages, items, total, d.multiple)), items, "",
           Math.max(0, count(items, "right") - count(items, "wrong")) / total);
    }
  };

  function sortedCheck(ex, answers) {
    var d = ex.data, items = [];
    if (!Object.keys(answers).length) return ask(ex, "Make at least one choice first.");
    d.statements.forEach(function (s) {
      var got = answers[s.id];
      if (!got) return items.push(item(s.id, s.text_html, "missed", "Not sorted yet."));
      if (got === s.answer) return items.push(item(s.id, s.text_html, "right", s.reason_html));
      var label = d.categories.filter(function (c) { return c.id === s.answer; })[0].label_html;
      items.push(item(s.id, s.text_html, "wrong",
        "This belongs under <strong>" + label + "</strong>. " + s.reason_html));
    });
    var extra = d.debrief_html ? '<p class="cpe-debrief">' + d.debrief_html + "</p>" : "";
    show(ex, esc(summarise(d.messages, items, d.statements.length)), items, extra,
         count(items, "right") / d.statements.length);
  }
  TYPES.classify = {
    check: function (ex) {
      var answers = {};
      $$(ex.root, "select[data-item]").forEach(function (s) { if (s.value) answers[s.dataset.item] = s.value; });
      sortedCheck(ex, answers);
    }
  };
  TYPES.audit = {
    check: function (ex) {
      var answers = {};
      $$(ex.root, "fieldset[data-item]").forEach(function (f) {
        var on = $(f, "input:checked");
        if (on) answers[f.dataset.item] = on.value;
      });
      sortedCheck(ex, answers);
    }
  };

  TYPES.disclosure = {
    check: function (ex) {
      var d = ex.data, chosen = picked(ex, ex.root.id), items = [], leftOut = [];
      if (!chosen.length) return ask(ex, "Choose at least one thing to discuss first.");
      d.items.forEach(function (i) {
        var material = i.material !== "none";
        var why = sentences([[d.why[i.material], esc(d.why[i.material])], [i.reason, i.reason_html]]);
        if (chosen.indexOf(i.id) >= 0) items.push(item(i.id, i.text_html, material ? "right" : "wrong", why));
        else if (material) {
          items.push(item(i.id, i.text_html, "missed", why));
          if (i.kind === "alternative") leftOut.push([i.text, i.text_html]);
        }
      });
      var total = d.items.filter(function (i) { return i.material !== "none"; }).length;
      var summary = esc(summarise(d.messages, items, total, true));
      if (leftOut.length) {
        summary += " " + esc(plural(d.alternative_left_out, leftOut.length)).split("{items}").join(sentences(leftOut));
      }
      show(ex, summary, items, "", Math.max(0, count(items, "right") - count(items, "wrong")) / total);
    }
  };

  TYPES.scenario = {
    start: function (ex) {
      // Reading order: what you chose, the feedback on it, then what happens next.
      var stage = $(ex.root, ".cpe-stage");
      if (ex.feedback.nextElementSibling !== stage) stage.parentNode.insertBefore(ex.feedback, stage);
      ex.node = ex.data.start;
      ex.steps = 0;
      ex.right = 0;
      ex.counts = {};
      Object.keys(ex.data.counters).forEach(function (k) { ex.counts[k] = ex.data.counters[k].initial || 0; });
      $(ex.root, ".cpe-path").innerHTML = "";
      ex.feedback.innerHTML = "";
      TYPES.scenario.draw(ex, false);
    },
    draw: function (ex, focus) {
      var d = ex.data, node = d.nodes.filter(function (n) { return n.id === ex.node; })[0];
      var stage = $(ex.root, ".cpe-stage"), html = "<p>" + node.text_html + "</p>";
      if (node.ending) {
        html += '<p class="cpe-ending"><strong>' + esc(fill(d.ended, { title: node.ending.title })) +
          "</strong></p><p>" + node.ending.debrief_html + "</p>";
        if (d.score) html += '<p class="cpe-score">' + esc(fill(d.score_text, { right: ex.right, steps: ex.steps })) + "</p>";
      } else {
        html += '<div class="cpe-choices">' + node.choices.map(function (c) {
          return '<button type="button" class="cpe-choice" data-choice="' + esc(c.id) + '">' +
            c.text_html + "</button>";
        }).join("") + "</div>";
      }
      stage.innerHTML = html;
      var keys = Object.keys(d.counters);
      $(ex.root, ".cpe-counters").innerHTML = keys.length ? "<p>" + keys.map(function (k) {
        return esc(d.counters[k].label) + ": " + ex.counts[k];
      }).join(" \u00b7 ") + "</p>" : "";
      if (focus) stage.focus();
    },
    choose: function (ex, choiceId) {
      var node = ex.data.nodes.filter(function (n) { return n.id === ex.node; })[0];
      var choice = node.choices.filter(function (c) { return c.id === choiceId; })[0];
      Object.keys(choice.effects || {}).forEach(function (k) { ex.counts[k] += choice.effects[k]; });
      ex.steps += 1;
      if (choice.verdict === "right") ex.right += 1;
      var li = document.createElement("li");
      li.innerHTML = choice.text_html;
      $(ex.root, ".cpe-path").appendChild(li);
      show(ex, choice.feedback_html, []);
      ex.node = choice.next;
      TYPES.scenario.draw(ex, true);
    }
  };

  TYPES.rewrite = {
    check: function (ex) {
      var d = ex.data, text = $(ex.root, "textarea").value;
      if (!text.trim()) return ask(ex, "Write your version first.");
      if (text.trim() === d.original.trim()) return ask(ex, d.text.unchanged);
      var items = CPE.language.check(text, d.language).map(function (f) {
        return item(f.rule + "@" + f.start, "\u201c" + esc(f.matched) + "\u201d", "wrong",
          sentences([["Try: " + f.suggestion, "Try: " + esc(f.suggestion)], [f.reason, esc(f.reason)]]) +
          " (" + esc(f.source) + ")");
      });
      show(ex, esc(items.length ? plural(d.text.found, items.length) : d.text.clean), items);
    }
  };

  /* Drafts: kept per stage, so two tabs of one reflection each keep what was typed in them.
     In localStorage (this browser, until cleared) by default; in sessionStorage (this tab
     only) when the student says not to keep the draft on this computer. */
  function storageKey(ex) { return "cpe-reflection:" + ex.data.ref; }
  function sessionKey(ex) { return "cpe-reflection-tab-only:" + ex.data.ref; }
  function store(ex) { return ex.tabOnly ? window.sessionStorage : window.localStorage; }
  function readDraft(ex, from) {
    var raw = null;
    try { raw = JSON.parse((from || store(ex)).getItem(storageKey(ex)) || "null"); } catch (e) { raw = null; }
    if (!raw || typeof raw !== "object") return null;
    if (!raw.stages) raw = { stages: raw, saved: null };  // a draft kept before stages were
    return raw;
  }
  function when(time) {
    if (!time) return "";
    var at = new Date(time);
    return " (saved " + at.toLocaleDateString("en-GB", { day: "numeric", month: "long" }) + " at " +
      at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }) + ")";
  }
  function where(ex) {
    return ex.tabOnly ? "Kept in this tab only: it goes when you close the tab." :
      "Kept in this browser on this computer until you clear it.";
  }
  function stageTexts(ex) {
    var out = {};
    $$(ex.root, "textarea[data-item]").forEach(function (t) { out[t.dataset.item] = t.value; });
    return out;
  }
  // A live region is written only when what it says changes, so a screen reader does not
  // read the same words out again at every keystroke.
  function update(region, html) { if (region.cpeShown !== html) region.cpeShown = region.innerHTML = html; }
  var NO_SAVE = "This browser cannot save drafts; download your reflection to keep it.";
  function status(ex, text) { update($(ex.root, ".cpe-saved"), esc(text)); }
  // One warning for each detail, however often it comes.
  function warn(ex) {
    $$(ex.root, "textarea[data-item]").forEach(function (t) {
      var seen = {}, details = [];
      CPE.privacy.scan(t.value, ex.data.privacy).forEach(function (f) {
        var key = f.matched + "\n" + f.advice;
        if (!seen[key]) details.push(seen[key] = { found: f, times: 0 });
        seen[key].times += 1;
      });
      update(t.parentNode.querySelector(".cpe-warnings"), details.map(function (d) {
        return '<p class="cpe-warning"><span aria-hidden="true">!</span> Identifying detail? \u201c' +
          esc(d.found.matched) + "\u201d" + (d.times > 1 ? " (" + d.times + " times)" : "") + ": " +
          esc(d.found.advice) + "</p>";
      }).join(""));
    });
  }
  TYPES.reflection = {
    start: function (ex) {
      try { ex.tabOnly = window.sessionStorage.getItem(sessionKey(ex)) === "1"; } catch (e) { ex.tabOnly = false; }
      var option = document.createElement("p");
      option.className = "cpe-keep";
      option.innerHTML = '<input type="checkbox" id="' + esc(ex.root.id) + '__tab-only"> <label for="' +
        esc(ex.root.id) + '__tab-only">Do not keep my draft on this computer (for a shared or ' +
        "placement computer): keep it in this tab only.</label>";
      $(ex.root, ".cpe-saved").parentNode.insertBefore(option, $(ex.root, ".cpe-saved"));
      var box = $(option, "input");
      box.checked = ex.tabOnly;
      box.addEventListener("change", function () { TYPES.reflection.keep(ex, !box.checked); });
      var saved = readDraft(ex);
      TYPES.reflection.fill(ex, saved, true);
      $$(ex.root, "textarea[data-item]").forEach(function (t) {
        t.addEventListener("input", function () { TYPES.reflection.save(ex, t.dataset.item); warn(ex); });
      });
      // Another tab of this reflection saved: take its stages, but never the one being typed in.
      window.addEventListener("storage", function (event) {
        if (event.key === storageKey(ex) && !ex.tabOnly) TYPES.reflection.fill(ex, readDraft(ex), false);
      });
      status(ex, saved ? "A saved draft is back" + when(saved.saved) + ". If it is not yours, clear it. " +
        where(ex) : where(ex));
      warn(ex);
    },
    fill: function (ex, saved, all) {
      if (!saved) return;
      $$(ex.root, "textarea[data-item]").forEach(function (t) {
        var text = saved.stages[t.dataset.item];
        if (typeof text === "string" && (all || t !== document.activeElement)) t.value = text;
      });
      if (!all) warn(ex);
    },
    save: function (ex, stage) {
      try {
        var draft = readDraft(ex) || { stages: {} };
        draft.stages[stage] = $(ex.root, 'textarea[data-item="' + stage + '"]').value;
        draft.saved = Date.now();
        store(ex).setItem(storageKey(ex), JSON.stringify(draft));
        status(ex, "Draft saved" + when(draft.saved) + ". " + where(ex));
      } catch (e) {
        status(ex, NO_SAVE);
      }
    },
    keep: function (ex, onComputer) {
      try {
        var draft = { stages: stageTexts(ex), saved: Date.now() };
        window.localStorage.removeItem(storageKey(ex));
        window.sessionStorage.removeItem(storageKey(ex));
        ex.tabOnly = !onComputer;
        if (ex.tabOnly) window.sessionStorage.setItem(sessionKey(ex), "1");
        else window.sessionStorage.removeItem(sessionKey(ex));
        store(ex).setItem(storageKey(ex), JSON.stringify(draft));
        status(ex, where(ex));
      } catch (e) {
        status(ex, NO_SAVE);
      }
    },
    check: function (ex) {
      var d = ex.data, texts = stageTexts(ex), items = [], done = 0, warnings = 0;
      if (!Object.keys(texts).some(function (k) { return texts[k].trim(); })) return ask(ex, "Write something in at least one stage first.");
      d.stages.forEach(function (s) {
        var text = texts[s.id] || "";
        if (text.trim()) { done += 1; items.push(item(s.id, s.label_html, "written", "")); }
        else items.push(item(s.id, s.label_html, "unwritten", s.prompt_html));
        CPE.privacy.scan(text, d.privacy).forEach(function (f) {
          warnings += 1;
          items.push(item(s.id + "@" + f.start, "\u201c" + esc(f.matched) + "\u201d (" + s.label_html + ")", "wrong", esc(f.advice)));
        });
      });
      var summary = done === d.stages.length ? d.text.done : fill(d.text.part, { done: done, total: d.stages.length });
      if (warnings) summary += " " + plural(d.text.privacy, warnings);
      show(ex, esc(summary), items);
    },
    "export": function (ex) {
      var d = ex.data, texts = stageTexts(ex);
      var md = "# " + d.title + "\n\n" + d.stages.map(function (s) {
        return "## " + s.label + "\n\n" + (texts[s.id] || "").trim() + "\n";
      }).join("\n");
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([md], { type: "text/markdown" }));
      link.download = "reflection-" + d.ref.replace(/[^a-z0-9-]+/gi, "-") + ".md";
      document.body.appendChild(link);
      link.click();
      link.remove();
      ask(ex, "Your reflection was saved as " + link.download + ".");
    },
    clear: function (ex) {
      if (!window.confirm("Clear your draft from this browser? This cannot be undone.")) return;
      try {
        window.localStorage.removeItem(storageKey(ex));
        window.sessionStorage.removeItem(storageKey(ex));
      } catch (e) { /* nothing saved */ }
      $$(ex.root, "textarea[data-item]").forEach(function (t) { t.value = ""; });
      status(ex, "Draft cleared.");
      warn(ex);
      ex.feedback.innerHTML = "";
    }
  };

  function reset(ex) {
    if (ex.type === "scenario") return TYPES.scenario.start(ex);
    $$(ex.root, "input").forEach(function (i) { i.checked = false; });
    $$(ex.root, "select").forEach(function (s) { s.value = ""; });
    if (ex.type === "rewrite") $(ex.root, "textarea").value = ex.data.original;
    ex.feedback.innerHTML = "";
  }

  function mount(root) {
    var script = $(root, "script.cpe-data");
    if (!script || root.dataset.cpeReady) return;
    var ex = { root: root, type: root.dataset.cpeType, data: JSON.parse(script.textContent),
               feedback: $(root, ".cpe-feedback") };
    root.dataset.cpeReady = "true";
    root.classList.add("cpe-live");
    // The buttons exist only once the runtime runs, so a page or notebook that cannot run it
    // never shows dead ones; the static note saying so goes.
    var note = $(root, ".cpe-static-note");
    if (note) note.remove();
    var actions = document.createElement("div");
    actions.className = "cpe-actions";
    actions.innerHTML = (ex.data.actions || []).map(function (a) {
      return '<button type="button" data-cpe-action="' + esc(a[0]) + '">' + esc(a[1]) + "</button>";
    }).join("");
    root.insertBefore(actions, ex.feedback);
    lockAnswers(ex);
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      if (button.dataset.choice) return TYPES.scenario.choose(ex, button.dataset.choice);
      var action = button.dataset.cpeAction;
      if (action === "reset") return reset(ex);
      if (action && TYPES[ex.type][action]) TYPES[ex.type][action](ex);
    });
    if (TYPES[ex.type].start) TYPES[ex.type].start(ex);
  }

  CPE.initAll = function () { $$(document, ".cpe[data-cpe-type]").forEach(mount); };
  CPE.initAll();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", CPE.initAll);
})();

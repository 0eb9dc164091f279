/* coproduction_edu SCORM 1.2 bridge, written into a unit's package only when tracking was
   chosen at export (coproduction-edu export scorm --tracking ...). It tells the learning
   platform that the unit was opened and, once every activity has had a first try, that it is
   completed; with score tracking, also the mean best try of the activities that can be
   marked (one not yet tried counts 0), out of 100. Nothing a student types is sent: only the status and the score. */
(function () {
  "use strict";
  var tracking = (document.currentScript && document.currentScript.dataset.cpeTracking) || "";
  if (tracking !== "completion" && tracking !== "score") return;

  function find(win) {
    for (var hops = 0; win && hops < 10; hops += 1) {
      try { if (win.API) return win.API; } catch (e) { return null; }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = find(window) || (window.opener ? find(window.opener) : null);
  if (!api) return;
  api.LMSInitialize("");
  var status = api.LMSGetValue("cmi.core.lesson_status");
  if (status !== "completed" && status !== "passed") api.LMSSetValue("cmi.core.lesson_status", "incomplete");

  // The activities that can be marked; a reflection, a rewrite or a scenario has no score.
  var MARKED = ["quiz", "classify", "audit", "disclosure"];
  var blocks = Array.prototype.slice.call(document.querySelectorAll(".cpe[data-cpe-type]"));
  var refOf = function (b) { return JSON.parse(b.querySelector("script.cpe-data").textContent).ref; };
  var all = blocks.map(refOf);
  var scored = blocks.filter(function (b) { return MARKED.indexOf(b.dataset.cpeType) >= 0; }).map(refOf);
  var tried = {}, best = {};
  document.addEventListener("cpe-feedback", function (event) {
    var d = event.detail;
    tried[d.ref] = true;
    if (d.score !== null) best[d.ref] = Math.max(best[d.ref] || 0, d.score);
    if (tracking === "score") {
      var sum = scored.reduce(function (total, ref) { return total + (best[ref] || 0); }, 0);
      api.LMSSetValue("cmi.core.score.min", "0");
      api.LMSSetValue("cmi.core.score.max", "100");
      api.LMSSetValue("cmi.core.score.raw", String(scored.length ? Math.round(100 * sum / scored.length) : 0));
    }
    if (all.every(function (ref) { return tried[ref]; })) api.LMSSetValue("cmi.core.lesson_status", "completed");
    api.LMSCommit("");
  });
  var finished = false;
  window.addEventListener("pagehide", function () {
    if (!finished) { finished = true; api.LMSFinish(""); }
  });
})();

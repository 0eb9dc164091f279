/* coproduction-edu text checks: the language checker and the privacy scan, in the browser.
   The rules come from Python (language.rules_data(), privacy.rules_data()) as JSON, so both
   sides run the same patterns; tests/test_text_checks_parity.py keeps the results identical.
   Offsets count Unicode code points, as Python does; slice with Array.from(text). */
(function () {
  "use strict";
  var CPE = (window.CPE = window.CPE || {});
  if (CPE.language && CPE.privacy) return;

  function mod11(s) {
    var d = s.replace(/[^0-9]/g, ""), sum = 0, i, c;
    if (d.length !== 10) return false;
    for (i = 0; i < 9; i++) sum += (10 - i) * Number(d[i]);
    c = 11 - (sum % 11);
    if (c === 11) c = 0;
    return c !== 10 && c === Number(d[9]);
  }
  var CHECKS = { nhs_modulus_11: mod11 };

  /* Find every match of every spec, keep the longest of overlapping ones, sort by start. */
  function run(text, specs, flags, accept, make) {
    var found = [], kept = [];
    var astral = /[\uD800-\uDFFF]/.test(text);
    function cp(i) { return astral ? Array.from(text.slice(0, i)).length : i; }
    specs.forEach(function (spec, order) {
      var re = new RegExp(spec.pattern, spec.flags || flags), m, from, to;
      while ((m = re.exec(text)) !== null) {
        from = m.index + m[1].length;
        to = re.lastIndex;
        if (to === m.index) re.lastIndex++;
        if (accept(spec, m, text.slice(from, to))) {
          found.push({ a: cp(from), b: cp(to), o: order, m: text.slice(from, to), s: spec });
        }
      }
    });
    found.sort(function (x, y) { return (y.b - y.a) - (x.b - x.a) || x.a - y.a || x.o - y.o; });
    found.forEach(function (c) {
      if (kept.every(function (k) { return c.b <= k.a || k.b <= c.a; })) kept.push(c);
    });
    kept.sort(function (x, y) { return x.a - y.a; });
    return kept.map(make);
  }

  CPE.language = {
    check: function (text, data) {
      return run(String(text), data.rules, data.flags, function (s, m) { return !m[2]; },
        function (c) {
          return { start: c.a, end: c.b, matched: c.m, suggestion: c.s.suggestion,
            reason: c.s.reason, source: c.s.source, rule: c.s.id };
        });
    }
  };

  CPE.privacy = {
    scan: function (text, data) {
      return run(String(text), data.kinds, "g",
        function (s, m, matched) { return !s.check || CHECKS[s.check](matched); },
        function (c) {
          return { kind: c.s.kind, start: c.a, end: c.b, matched: c.m, advice: c.s.advice };
        });
    }
  };
})();

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
    var found = [], kept = [], index = null;
    if (/[\uD800-\uDFFF]/.test(text)) {  // positions in code points, as Python counts them
      index = new Array(text.length + 1);
      for (var i = 0, n = 0; i <= text.length; i++) {
        index[i] = n;
        var u = text.charCodeAt(i);
        if (!(u >= 0xD800 && u <= 0xDBFF && i + 1 < text.length)) n++;
      }
    }
    function cp(i) { return index ? index[i] : i; }
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
    // As language.keep_longest: kept spans never overlap, so only a candidate's neighbours in
    // start order can overlap it; a binary search finds its place.
    found.forEach(function (c) {
      if (c.b <= c.a) return;  // an empty match is not a finding
      var lo = 0, hi = kept.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (kept[mid].a <= c.a) lo = mid + 1; else hi = mid; }
      var near = kept.slice(Math.max(lo - 1, 0), lo + 1);
      if (near.some(function (k) { return c.a < k.b && k.a < c.b; })) return;
      kept.splice(lo, 0, c);
    });
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
          return { kind: c.s.kind, start: c.a, end: c.b, matched: c.m, advice: c.s.advice,
                   ignore: !!c.s.ignore };
        }).filter(function (f) { return !f.ignore; }).map(function (f) {
          delete f.ignore;
          return f;
        });
    }
  };
})();

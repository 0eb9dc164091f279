"""Exercise engine figures: import time, render time and HTML size per type, runtime size,
and click-to-feedback latency in headless Chromium.

Run with ``.venv/bin/python benchmarks/engine.py``. Targets: import, and a fresh process's
first exercise from import to HTML, each at most 150 ms; runtime
JS+CSS under 30 KB, feedback under 50 ms.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import coproduction_edu  # noqa: E402
from coproduction_edu.engine.render import render_block, runtime  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, serve  # noqa: E402

DEMO = "00-try-the-exercises"
CLICKS = {  # how to give each type an answer, then which button shows feedback
    "quiz": "b.querySelector('input').checked = true",
    "classify": "b.querySelectorAll('select').forEach(s => s.selectedIndex = 1)",
    "audit": "b.querySelectorAll('fieldset').forEach(f => f.querySelector('input').checked = true)",
    "disclosure": "b.querySelector('input').checked = true",
    "scenario": "",
    "rewrite": "b.querySelector('textarea').value = 'He is a schizophrenic and non-compliant.'",
    "reflection": "b.querySelector('textarea').value = 'I met Mr Smith on 3 May 2024.'",
}


def import_time(runs: int = 7) -> float:
    code = ("import time; t = time.perf_counter(); import coproduction_edu; "
            "print(time.perf_counter() - t)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True, cwd=ROOT).stdout) for _ in range(runs)]
    return statistics.median(times) * 1000


FIRST = ("import time; t = time.perf_counter(); import coproduction_edu; {patch}"
         "html = coproduction_edu.exercise({ref!r})._repr_html_(); "
         "import sys; print(time.perf_counter() - t, 'jsonschema' in sys.modules)")
UNRECORDED = ("import coproduction_edu.engine.content as c; "
              "c.recorded = lambda folder: {}; ")


def first_exercise_time(ref: str, patch: str = "", runs: int = 7) -> tuple[float, bool]:
    """A fresh process, from ``import coproduction_edu`` to the HTML of ``ref``: the wait a
    student has at a notebook's first exercise. Also whether jsonschema was imported."""
    times, imported = [], False
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST.format(ref=ref, patch=patch)],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
        times.append(float(out[0]))
        imported = imported or out[1] == "True"
    return statistics.median(times) * 1000, imported


def first_exercises() -> list[str]:
    """The first exercise each notebook shows, in the order of the book."""
    import json
    import re

    refs = []
    for notebook in sorted((ROOT / "exercises").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        found = re.search(r"exercise\(\"([^\"]+)\"\)", code)
        if found:
            refs.append(found[1])
    return refs


def render_figures(runs: int = 50) -> dict[str, tuple[float, int]]:
    figures = {}
    for exercise in coproduction_edu.exercises(DEMO):
        start = time.perf_counter()
        for _ in range(runs):
            html = render_block(exercise, with_runtime=False)
        figures.setdefault(exercise.type, ((time.perf_counter() - start) / runs * 1000,
                                           len(html.encode())))
    return figures


def latency(runs: int = 20) -> dict[str, tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    page_html = "".join(render_block(e) for e in coproduction_edu.exercises(DEMO))
    result: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp)) as base:
        (Path(tmp) / "index.html").write_text(f"<!doctype html><html><body>{page_html}"
                                              "</body></html>", encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "/index.html")
            for exercise in coproduction_edu.exercises(DEMO):
                if exercise.type in result:
                    continue
                button = ("b.querySelector('.cpe-choice')" if exercise.type == "scenario"
                          else "b.querySelector('[data-cpe-action=check]')")
                samples = page.evaluate(f"""async () => {{
                    const b = document.getElementById('{exercise.dom_id}'); const out = [];
                    for (let i = 0; i < {runs}; i++) {{
                      {CLICKS[exercise.type]};
                      const t = performance.now(); {button}.click();
                      const handled = performance.now() - t;
                      await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                      out.push([handled, performance.now() - t]);
                      b.querySelector('[data-cpe-action=reset]')?.click();
                    }}
                    return out; }}""")
                result[exercise.type] = (statistics.median(s[0] for s in samples),
                                         statistics.median(s[1] for s in samples))
            result["typing"] = typing_latency(page)
            browser.close()
    return result


def typing_latency(page, words: int = 10_000, keys: int = 20) -> tuple[float, float]:
    """One keystroke in a 10,000-word reflection: the input handler (save and privacy scan of
    every stage), then the next frame."""
    text = " ".join(["On a quiet evening I sat with a man in his forties on Ward 7."] * (
        words // 14))
    samples = page.evaluate("""async ([text, keys]) => {
        const area = document.querySelector('.cpe-reflection textarea[data-item]');
        area.value = text; area.focus(); const out = [];
        for (let i = 0; i < keys; i++) {
          area.value += 'x';
          const t = performance.now();
          area.dispatchEvent(new Event('input', { bubbles: true }));
          const handled = performance.now() - t;
          await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
          out.push([handled, performance.now() - t]);
        }
        return out; }""", [text, keys])
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main() -> int:
    core = runtime()
    print(f"import coproduction_edu (median of 7):   {import_time():.1f} ms  (target < 150)")
    print("first exercise in a fresh process, import to HTML (median of 7; target <= 150 ms):")
    for ref in first_exercises():
        ms, imported = first_exercise_time(ref)
        slow, _ = first_exercise_time(ref, UNRECORDED, runs=3)
        print(f"  {ref:<48} {ms:6.1f} ms  jsonschema imported: {'yes' if imported else 'no'}"
              f"   (file not recorded as checked: {slow:6.1f} ms)")
    print(f"runtime JS+CSS:                         {len(core.encode()) / 1024:.1f} KB, "
          f"{len(gzip.compress(core.encode())) / 1024:.1f} KB gzipped  (target < 30 KB)")
    print("per type: render time (median of 50), block HTML size without runtime, "
          "click-to-feedback in Chromium: handler done / next frame painted (median of 20)")
    clicks = latency()
    for kind, (ms, size) in render_figures().items():
        print(f"  {kind:<11} render {ms:6.2f} ms   html {size / 1024:5.1f} KB   "
              f"feedback {clicks[kind][0]:4.1f} / {clicks[kind][1]:4.1f} ms  (target < 50)")
    print(f"  one keystroke in a 10,000-word reflection: handler {clicks['typing'][0]:.1f} ms, "
          f"next frame {clicks['typing'][1]:.1f} ms  (target < 50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

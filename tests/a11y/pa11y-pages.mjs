// pa11y's HTML_CodeSniffer runner (standard WCAG2AA) on many pages in one Chromium.
// Reads a job from standard input as JSON: {"executablePath", "args", "viewport", "urls"}.
// Prints {"<url>": [{"code", "type", "selector", "message"}, ...], ...} as JSON; errors only,
// as warnings and notices ask for a person's judgement. tests/test_site.py runs it.
import { readFileSync } from "node:fs";
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const job = JSON.parse(readFileSync(0, "utf-8"));
const browser = await puppeteer.launch({
  executablePath: job.executablePath, args: job.args, headless: true,
});
const found = {};
try {
  for (const url of job.urls) {
    const result = await pa11y(url, {
      browser, runners: ["htmlcs"], standard: "WCAG2AA", viewport: job.viewport,
      includeWarnings: false, includeNotices: false,
    });
    found[url] = result.issues.map(({ code, type, selector, message }) =>
      ({ code, type, selector, message }));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(found));

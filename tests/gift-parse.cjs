// Parse a GIFT file with gift-pegjs (the parser Moodle-compatible tools use) and print the
// questions as JSON, or the parser's error and exit 1. Used by tests/test_export.py.
const fs = require("fs");
const path = require("path");
const gift = require(path.join(__dirname, "..", "node_modules", "gift-pegjs"));

try {
  process.stdout.write(JSON.stringify(gift.parse(fs.readFileSync(process.argv[2], "utf8"))));
} catch (error) {
  process.stderr.write(`${error.name}: ${error.message} at line ${error.location ? error.location.start.line : "?"}\n`);
  process.exit(1);
}

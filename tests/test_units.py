"""Fast tests of the pieces behind ``check``: YAML positions, schema, vocabulary, rules."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import parse_string

from coproduction_edu import nmc_platforms
from coproduction_edu.problems import Problem, format_path
from coproduction_edu.scaffold import _insert_sorted
from coproduction_edu.sourcemap import load_yaml
from coproduction_edu.sphinx.bibstyle import AuthorYearLabelStyle, AuthorYearSortingStyle
from coproduction_edu.sphinx.unit_header import Fields, header_markdown
from coproduction_edu.units import check_unit_source
from coproduction_edu.vocabulary import vocabulary

from .conftest import FIXTURES, ROOT

VALID = (FIXTURES / "units/unknown-key.md").read_text().replace("[power]", "[participation]")
FILE = "book/units/18-fixture/index.md"


def test_problem_reads_as_file_line_field_message() -> None:
    assert str(Problem("a.md", 3, "unit.id", "bad")) == "a.md:3: unit.id: bad"
    assert format_path(["unit", "learning_outcomes", 2, "nmc"]) == "unit.learning_outcomes[2].nmc"
    assert format_path([]) == "(top)"


def test_yaml_positions_and_dates_kept_as_text() -> None:
    located = load_yaml("a:\n  b: [1, 2]\n  c: 2026-10-01\n", "f.yml", first_line=5)
    assert located.line_of(("a", "b", 1)) == 6
    assert located.line_of(("a", "c")) == 7
    assert located.line_of(("a", "missing")) == 5
    assert located.data["a"]["c"] == "2026-10-01"


def test_duplicate_keys_are_problems_not_silent() -> None:
    located = load_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    assert [str(p) for p in located.problems] == [
        "f.yml:3: a: appears twice; keep one (YAML keeps only the last)"]


def test_schema_enums_match_the_vocabulary() -> None:
    schema = json.loads((ROOT / "coproduction_edu/schemas/unit.schema.json").read_text())
    unit = schema["properties"]["unit"]["properties"]
    words = vocabulary()
    nmc = unit["learning_outcomes"]["items"]["properties"]["nmc"]["items"]["enum"]
    assert nmc == list(words["nmc"])
    assert unit["three_keys"]["items"]["enum"] == list(words["three_keys"])
    assert unit["vbp_elements"]["items"]["enum"] == list(words["vbp_elements"])
    assert unit["content_notes"]["items"]["enum"] == list(words["content_notes"])
    copro = unit["coproduction"]["properties"]
    assert copro["status"]["enum"] == list(words["status"])
    roles = copro["contributors"]["items"]["properties"]["roles"]["items"]["enum"]
    assert roles == list(words["roles"])
    assert len(words["vbp_elements"]) == 10


def test_valid_unit_passes_and_co_produced_needs_both_roles() -> None:
    assert check_unit_source(VALID, FILE, "18-fixture").problems == []
    co_produced = VALID.replace("status: draft", "status: co-produced\n    reviewed:\n"
                                "      date: \"2026-10-01\"\n      record: \"pull request 3\"")
    both = co_produced.replace("roles: [author]", "roles: [author, service-user-reviewer, "
                               "carer-author]")
    assert check_unit_source(both, FILE, "18-fixture").unit is not None
    only_author = check_unit_source(co_produced, FILE, "18-fixture")
    assert only_author.unit is None
    assert len(only_author.problems) == 2


def test_draft_header_says_not_yet_reviewed() -> None:
    unit = check_unit_source(VALID, FILE, "18-fixture").unit
    fields = Fields()
    source = header_markdown(unit, fields)
    text = fields.expand(source)
    assert text.startswith("::::{admonition} Draft: not yet reviewed by people with lived")
    assert "Contributors:\n\n- Test Author (author)" in text
    assert "Test Author" not in source
    assert "Content note" not in text
    assert ("**Time:** two two-hour sessions: 60 minutes of teaching, 60 minutes of activities "
            "and a 10-minute break in each.") in text
    assert "*(NMC Platform 1: Being an accountable professional; Annexe A:" in text


def test_content_note_lists_every_signpost_with_its_citation() -> None:
    unit = check_unit_source(VALID.replace("content_notes: []", "content_notes: [suicide, "
                                           "self-harm]"), FILE, "18-fixture").unit
    text = header_markdown(unit)
    assert "This unit discusses suicide and self-harm." in text
    assert "116 123 from any phone in the UK. {cite:p}`samaritans-contact`" in text
    for item in vocabulary()["signposting"]:
        assert item["text"].strip() in text


BIB = """
@book{a1, author={Fulford, Bill}, title={B}, year={2012}, publisher={P}}
@book{a2, author={Fulford, Bill}, title={A}, year={2012}, publisher={P}}
@misc{act, title={{Mental Health Act 1983}}, year={1983}}
@misc{org, author={{Nursing and Midwifery Council}}, title={Code}, year={2018}}
"""


def test_author_year_labels_sort_and_disambiguate() -> None:
    entries = list(parse_string(BIB, "bibtex").entries.values())
    ordered = AuthorYearSortingStyle().sort(entries)
    labels = list(AuthorYearLabelStyle().format_labels(ordered))
    assert labels == ["Fulford 2012a", "Fulford 2012b", "Mental Health Act 1983",
                      "Nursing and Midwifery Council 2018"]


def test_toc_insert_keeps_numbered_entries_in_order() -> None:
    chapters = [{"file": "book/units/index"}, {"file": "book/units/10-b/index"}]
    _insert_sorted(chapters, {"file": "book/units/02-a/index"}, "book/units/")
    assert [c["file"] for c in chapters] == ["book/units/index", "book/units/02-a/index",
                                             "book/units/10-b/index"]


def test_nmc_platforms_table() -> None:
    table = nmc_platforms()
    assert len(table.rows) == 9
    assert ("Platform 7", "Coordinating care") in table.rows
    assert ("Annexe B", "Nursing procedures") in table.rows
    html = table._repr_html_()
    assert html.count('<th scope="row">') == 9 and "<caption>" in html
    assert "Platform 1  Being an accountable professional" in str(table)


@given(st.text(max_size=400))
def test_any_text_gives_problems_never_an_exception(text: str) -> None:
    result = check_unit_source(text, FILE, "18-fixture")
    assert result.unit is None or result.problems == []


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=3), max_leaves=12))
def test_any_yaml_value_under_unit_gives_problems(value: object) -> None:
    source = "---\n" + json.dumps({"unit": value}) + "\n---\n# T\n"
    result = check_unit_source(source, FILE, "18-fixture")
    assert result.unit is None
    assert result.problems and all(isinstance(p, Problem) for p in result.problems)


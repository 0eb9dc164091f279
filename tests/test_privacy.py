"""The privacy scan for reflections: identifying details, and the NHS number check digit.

The case lists are module-level so that tests/test_text_checks_parity.py can run the same cases
through the JavaScript implementation.
"""

from __future__ import annotations

import pytest

from coproduction_edu import privacy
from coproduction_edu.privacy import nhs_modulus_11, parse_kinds, scan


def check_digit(first_nine: str) -> int:
    """The NHS Modulus 11 check digit for nine digits, or 10 when no valid number exists."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    digit = 11 - total % 11
    return 0 if digit == 11 else digit


def nhs(first_nine: str, sep: str = " ") -> str:
    """A valid NHS number (first_nine must not give check digit 10), as 3-3-4 with ``sep``."""
    digits = first_nine + str(check_digit(first_nine))
    return sep.join((digits[:3], digits[3:6], digits[6:]))


_PREFIXES = ["401023213", "450557710", "634921111", "712345678", "485777345"]
VALID_PREFIXES = [p for p in _PREFIXES if check_digit(p) != 10]
TEN_PREFIX = next(f"4{n:08d}" for n in range(10**8) if check_digit(f"4{n:08d}") == 10)

# (text, [(kind, matched text), ...]) in order of position.
POSITIVE: list[tuple[str, list[tuple[str, str]]]] = [
    # NHS numbers: hand-checked, then computed with the helper above
    ("NHS number 943 476 5919.", [("nhs_number", "943 476 5919")]),
    ("9434765919", [("nhs_number", "9434765919")]),
    ("ref 943-476-5919", [("nhs_number", "943-476-5919")]),
    ("401 023 2137", [("nhs_number", "401 023 2137")]),
    *[(f"number {nhs(p)} here", [("nhs_number", nhs(p))]) for p in VALID_PREFIXES],
    *[(nhs(p, ""), [("nhs_number", nhs(p, ""))]) for p in VALID_PREFIXES[:2]],
    *[(nhs(p, "-"), [("nhs_number", nhs(p, "-"))]) for p in VALID_PREFIXES[:2]],
    # dates
    ("on 03/02/2024 we met", [("date", "03/02/2024")]),
    ("3/2/24", [("date", "3/2/24")]),
    ("03-02-2024", [("date", "03-02-2024")]),
    ("3.2.2024", [("date", "3.2.2024")]),
    ("On 3 February 2024, I", [("date", "3 February 2024")]),
    ("the 3rd Feb 2024", [("date", "3rd Feb 2024")]),
    ("February 3rd 2024", [("date", "February 3rd 2024")]),
    ("2024-02-03", [("date", "2024-02-03")]),
    ("3rd of March", [("date", "3rd of March")]),
    ("Feb 3, 2024", [("date", "Feb 3, 2024")]),
    ("on 14 July", [("date", "14 July")]),
    # postcodes
    ("SW1A 1AA", [("postcode", "SW1A 1AA")]),
    ("lives in M1 1AE.", [("postcode", "M1 1AE")]),
    ("B33 8TH", [("postcode", "B33 8TH")]),
    ("CR2 6XH", [("postcode", "CR2 6XH")]),
    ("DN55 1PT", [("postcode", "DN55 1PT")]),
    ("EC1A1BB", [("postcode", "EC1A1BB")]),
    ("sw1a 1aa", [("postcode", "sw1a 1aa")]),
    # phones
    ("07700 900123", [("phone", "07700 900123")]),
    ("07700900123", [("phone", "07700900123")]),
    ("call +44 7700 900123", [("phone", "+44 7700 900123")]),
    ("020 7946 0018", [("phone", "020 7946 0018")]),
    ("0113 496 0000", [("phone", "0113 496 0000")]),
    ("(0161) 496 0000", [("phone", "(0161) 496 0000")]),
    ("01632 960 001", [("phone", "01632 960 001")]),
    # email
    ("jane.okafor@nhs.net.", [("email", "jane.okafor@nhs.net")]),
    ("<j_smith+ward@example.co.uk>", [("email", "j_smith+ward@example.co.uk")]),
    # names
    ("I spoke to Mr Smith", [("name", "Mr Smith")]),
    ("Dr. Jane Okafor said", [("name", "Dr. Jane Okafor")]),
    ("Mrs O'Brien", [("name", "Mrs O'Brien")]),
    ("Mx Taylor-Reid", [("name", "Mx Taylor-Reid")]),
    ("Prof Amir Khan", [("name", "Prof Amir Khan")]),
    ("Miss Jones", [("name", "Miss Jones")]),
    ("Ms. Patel", [("name", "Ms. Patel")]),
    ("Dr J. Okafor", [("name", "Dr J. Okafor")]),
    ("Mr Zoë Lévesque", [("name", "Mr Zoë Lévesque")]),
    # several at once, after a character outside the Basic Multilingual Plane
    ("\U0001f600 Mr Smith (943 476 5919) rang 07700 900123 on 3/2/24 from M1 1AE.",
     [("name", "Mr Smith"), ("nhs_number", "943 476 5919"), ("phone", "07700 900123"),
      ("date", "3/2/24"), ("postcode", "M1 1AE")]),
]

NEGATIVE: list[str] = [
    "943 476 5910",
    "9434765910",
    "943 476-5919",
    f"{TEN_PREFIX[:3]} {TEN_PREFIX[3:6]} {TEN_PREFIX[6:]}0",
    "12 943 476 59191",
    "in 2024",
    "February 2024",
    "at 10:30",
    "call 999 or 111",
    "Samaritans on 116 123",
    "Mr",
    "Dr said hello",
    "mr smith",
    "Mr A and Ms B",
    "the ward round",
    "Ward B2 3rd floor",
    "B12 deficiency",
    "score 7/10",
    "1 to 3 may help",
    "version 2.0",
    "email me at the ward",
    "@mention",
    "Professor of nursing",
    "SW1A",
]


def _pairs(findings: list[privacy.Finding]) -> list[tuple[str, str]]:
    return [(f.kind, f.matched) for f in findings]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_finds_identifying_details(text: str, expected: list[tuple[str, str]]) -> None:
    findings = scan(text)
    assert _pairs(findings) == expected
    for finding in findings:
        assert text[finding.start:finding.end] == finding.matched
        assert finding.advice


@pytest.mark.parametrize("text", NEGATIVE)
def test_leaves_other_text_alone(text: str) -> None:
    assert scan(text) == []


def test_hand_checked_nhs_numbers() -> None:
    assert check_digit("943476591") == 9
    assert nhs_modulus_11("943 476 5919")
    assert not nhs_modulus_11("943 476 5910")
    assert check_digit(TEN_PREFIX) == 10
    assert not any(nhs_modulus_11(TEN_PREFIX + str(d)) for d in range(10))


@pytest.mark.parametrize("number", range(0, 10**10, 77_777_771))
def test_modulus_11_agrees_with_the_test_helper(number: int) -> None:
    digits = f"{number:010d}"
    expected = check_digit(digits[:9]) == int(digits[9])
    assert nhs_modulus_11(digits) is expected


def test_advice_is_specific_to_each_kind() -> None:
    advice = {k.kind: k.advice for k in privacy.kinds() if not k.ignore}
    assert set(advice) == {"nhs_number", "date", "postcode", "phone", "email", "name",
                           "initials_age", "place", "record_number", "address"}
    assert len(set(advice.values())) == len(advice)
    assert "NMC" in advice["nhs_number"]


def test_rules_data_is_json_ready() -> None:
    data = privacy.rules_data()
    assert [k["kind"] for k in data["kinds"]] == [k.kind for k in privacy.kinds()]
    assert data["kinds"][0]["ignore"] is True
    assert data["kinds"][1]["check"] == "nhs_modulus_11"


def test_scan_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="str"):
        scan(b"bytes")  # type: ignore[arg-type]


GOOD = {"kind": "x", "advice": "Remove it.", "patterns": ["[0-9]"]}

INVALID_KINDS: list[tuple[object, str]] = [
    ({"kinds": []}, r"non-empty list"),
    ({"kinds": [{"kind": "x", "patterns": ["a"]}]}, r"'x'.*'advice'"),
    ({"kinds": [{**GOOD, "patterns": []}]}, r"'x'.*patterns"),
    ({"kinds": [{**GOOD, "check": "luhn"}]}, r"'x'.*unknown check 'luhn'"),
    ({"kinds": [{**GOOD, "patterns": ["%NOPE%"]}]}, r"'x'.*unknown part %NOPE%"),
    ({"kinds": [{**GOOD, "patterns": ["(["]}]}, r"'x'.*not a valid regular expression"),
    ({"kinds": [GOOD, GOOD]}, r"'x'.*twice"),
]


@pytest.mark.parametrize(("raw", "message"), INVALID_KINDS)
def test_invalid_rules_are_refused_by_name(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_kinds(raw)

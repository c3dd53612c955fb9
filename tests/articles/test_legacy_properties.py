"""parse_page on random and mangled input: fields or LegacyPageError, nothing else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.legacy import LegacyPage, LegacyPageError, parse_page
from tests.articles.legacy_pages import (
    FIELDS,
    SEED,
    page,
)

# Random and mangled input -------------------------------------------------------------

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
THAI_AND_NOISE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(list(" :/.,\n\r\t0123456789๐๑๒๓๔๕๖๗๘๙")),
        st.characters(),
    ),
    max_size=300,
)


def _check(raw):
    """The property: fields that make sense, or the parser's own error."""
    try:
        parsed = parse_page(raw)
    except LegacyPageError as exc:
        assert exc.field
        assert str(exc)
        return
    assert isinstance(parsed, LegacyPage)
    assert parsed.title.strip()
    assert parsed.published_at.tzinfo is not None
    assert len(parsed.legacy_id) == 12 and parsed.legacy_id.isdigit()
    assert parsed.reads is None or parsed.reads >= 0
    assert "\x00" not in parsed.title + parsed.lead + "".join(parsed.paragraphs)


@st.composite
def mangled_seed(draw):
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(st.sampled_from(["drop", "dup", "swap", "insert", "edit"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            lines.append(draw(THAI_AND_NOISE))
        elif operation == "drop":
            del lines[at]
        elif operation == "dup":
            lines.insert(at, lines[at])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "insert":
            lines.insert(at, draw(THAI_AND_NOISE))
        else:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(THAI_AND_NOISE) + line[cut:]
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["str", "utf-8", "utf-8-sig", "cp874"]))
    if encoding == "str":
        return text
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@settings(max_examples=300, deadline=None)
@given(st.one_of(THAI_AND_NOISE, st.binary(max_size=400)))
def test_random_text_and_bytes_give_fields_or_the_parsers_error(raw):
    _check(raw)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_seed())
def test_mangled_seed_pages_give_fields_or_the_parsers_error(raw):
    _check(raw)


@settings(max_examples=200, deadline=None)
@given(
    date=st.one_of(
        THAI_AND_NOISE.map(lambda s: "echo Out " + s.replace("\n", " ")),
        st.builds(
            "{} {} {} / {}:{}:{}".format,
            st.integers(-5, 40),
            st.sampled_from(["มิถุนายน", "ก.พ.", "ธค", "เดือน", "มี.ค."]),
            st.integers(0, 99999),
            st.integers(-1, 99),
            st.integers(0, 99),
            st.integers(0, 99),
        ),
    ),
    reads=THAI_AND_NOISE.map(lambda s: s.replace("\n", " ")),
)
def test_mangled_dates_and_counts_give_fields_or_the_parsers_error(date, reads):
    _check(page(date=date, fields=[*FIELDS[:3], f"อ่าน : {reads}"]))

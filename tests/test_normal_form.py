"""newslib/normal_form.py: NFC, line ends and the BOM, with a map back to the original."""

from __future__ import annotations

import pickle
import unicodedata

import pytest

from newslib.normal_form import OffsetMap, normalise_text


def renormalised(original: str, at_start: bool) -> str:
    """What the normalised text of an original slice must be (the definition, spelt out)."""
    if at_start:
        original = original.lstrip("\ufeff")
    return unicodedata.normalize("NFC", original.replace("\r\n", "\n").replace("\r", "\n"))


def test_text_already_normal_is_returned_as_is_without_a_map():
    text = "Plain text, “curly quotes”, café in NFC, 300,000.\nSecond line."
    normal, offsets = normalise_text(text)
    assert normal is text and offsets is None


def test_decomposed_accents_are_composed_and_each_maps_back():
    original = "Jose\u0301 Nu\u0301n\u0303ez"  # NFD: 5 + 1 + 7 characters
    normal, offsets = normalise_text(original)
    assert normal == "José Núñez" and len(normal) == 10
    assert offsets.changes == [(3, 4, 3, 5), (6, 7, 7, 9), (7, 8, 9, 11)]
    assert offsets.original_span(0, 4) == (0, 5)        # "José"
    assert offsets.original_span(5, 10) == (6, 13)      # "Núñez"
    assert original[6:13] == "Nu\u0301n\u0303ez"
    assert offsets.original_span(4, 5) == (5, 6)        # the space between, exact
    assert offsets.to_original(10) == 13 == len(original)


def test_line_ends_and_a_leading_bom_are_changes_too():
    original = "\ufeffOne\r\nTwo\rThree\ufeff\n"
    normal, offsets = normalise_text(original)
    assert normal == "One\nTwo\nThree\ufeff\n"  # a BOM inside the text is a character: kept
    assert offsets.changes == [(0, 0, 0, 1), (3, 4, 4, 6), (7, 8, 9, 10)]
    assert original[slice(*offsets.original_span(0, 3))] == "One"
    assert original[slice(*offsets.original_span(4, 7))] == "Two"
    assert original[slice(*offsets.original_span(3, 4))] == "\r\n"


def test_hangul_jamo_compose_across_starters_into_one_syllable():
    original = "x \u1100\u1161\u11a8 y"  # conjoining L, V, T jamo: three starters
    normal, offsets = normalise_text(original)
    assert normal == "x \uac01 y"
    assert offsets.original_span(2, 3) == (2, 5)


def test_reordered_accents_keep_the_base_letter_exact():
    # q has no precomposed form with these marks: NFC only reorders them (dot below first).
    original = "q\u0301\u0323 z"
    normal, offsets = normalise_text(original)
    assert normal == "q\u0323\u0301 z"
    assert offsets.original_span(0, 1) == (0, 1)        # "q" itself is unchanged
    assert offsets.original_span(1, 2) == (1, 3)        # one mark of the pair: the whole pair
    assert offsets.to_original(2, end=True) == 3 and offsets.to_original(2) == 1


@pytest.mark.parametrize("original", [
    "\u0301 starts with a lone accent", "e\u0301\u0301 two accents", "\u212b angstrom sign",
    "\u0f73 tibetan", "\u2000 en quad", "\u1100\u1161\u1100\u1161", "A\u030a\r\n\u0345",
    "\u0915\u093c hindi nukta", "\ufeff\ufeff\r", "a\u0328\u0301 e\u0323\u0302",
])
def test_every_piece_renormalises_to_its_normal_text(original):
    normal, offsets = normalise_text(original)
    assert normal == renormalised(original, True)
    assert (offsets is None) == (normal is original)  # already NFC: no map, nothing copied
    copied, copied_original = 0, 0
    for start, end, original_start, original_end in (offsets.changes if offsets else []):
        assert normal[copied:start] == original[copied_original:original_start]
        assert renormalised(original[original_start:original_end],
                            original_start == 0) == normal[start:end]
        copied, copied_original = end, original_end
    assert normal[copied:] == original[copied_original:]


def test_the_map_survives_pickling_for_worker_processes():
    _, offsets = normalise_text("Caf\u0065\u0301\r\n")
    copy = pickle.loads(pickle.dumps(offsets))
    assert isinstance(copy, OffsetMap)
    assert copy.original == offsets.original and copy.changes == offsets.changes


def test_a_long_run_of_accents_is_put_in_order_thirty_at_a_time():
    from newslib import parse_text
    from newslib.normal_form import STREAM_SAFE_MARKS

    # Python's NFC sorts a run of marks in quadratic time: 200,000 unsorted marks would take
    # minutes. Unicode's stream-safe limit (30) keeps it linear.
    zalgo = "Zalgo a" + "\u0301\u0323" * 100_000 + " and e\u0301\u0323 too."
    normal, offsets = normalise_text(zalgo)
    assert offsets.long_mark_runs == 1
    assert normal.startswith("Zalgo \u1ea1")  # a + dot below composed, as NFC does
    marks = normal[len("Zalgo \u1ea1"):normal.index(" and")]
    assert len(marks) == 200_000 - 1 and set(marks) == {"\u0301", "\u0323"}
    assert normal.endswith(" and \u1eb9\u0301 too.")  # short runs: exact NFC
    # Blocks of 30 from the letter: the first lost the dot below to the letter (29 left).
    blocks = [marks[:29]] + [marks[start:start + STREAM_SAFE_MARKS]
                             for start in range(29, len(marks), STREAM_SAFE_MARKS)]
    assert all(block == unicodedata.normalize("NFC", block) for block in blocks)
    assert "\u0301\u0323" in marks  # not sorted as a whole (that would take minutes)
    article = parse_text(" date 2022-09-21 " + zalgo, id="z")
    assert any("more than 30 combining marks in a row" in w for w in article.warnings)
    assert parse_text(" date 2022-09-21 Jose\u0301 a\u0301\u0323.", id="j").warnings == []

"""What the user typed, as the index reads it."""

import pytest

from search.terms import MAX_WORDS, parse


@pytest.mark.parametrize(
    ("typed", "words", "problem"),
    [
        ("Nguyễn Văn Đức", ["nguyen", "van", "duc"], ""),
        ("  05-NQ/CB  ", ["05", "nq", "cb"], ""),
        ("Khu 6", ["khu", "6"], ""),
        ("", [], "empty"),
        ("   ", [], "empty"),
        ("đ", ["d"], "short"),
        ("a b", ["a", "b"], "short"),
        ("?!…", [], "short"),
        ("snake_case", ["snake", "case"], ""),
    ],
)
def test_it_folds_and_splits_words(typed: str, words: list[str], problem: str) -> None:
    terms = parse(typed)

    assert (terms.words, terms.problem) == (words, problem)


def test_only_a_word_of_two_letters_or_more_is_taken_as_a_beginning() -> None:
    assert parse("nguyen van").prefix_last
    assert not parse("khu 6").prefix_last


def test_it_keeps_the_first_words_of_a_long_query() -> None:
    assert len(parse(" ".join(f"tu{n}" for n in range(30))).words) == MAX_WORDS

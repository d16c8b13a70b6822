import pytest

from rcm.lib.numerals import from_roman, to_roman


@pytest.mark.parametrize(
    ("number", "numeral"), [(1, "I"), (4, "IV"), (17, "XVII"), (19, "XIX"), (30, "XXX"), (49, "XLIX")]
)
def test_it_writes_and_reads_numerals(number, numeral):
    assert to_roman(number) == numeral
    assert from_roman(numeral) == number
    assert from_roman(numeral.lower()) == number


def test_every_number_round_trips():
    assert all(from_roman(to_roman(number)) == number for number in range(1, 4000))


@pytest.mark.parametrize("text", ["", "IIII", "VX", "XM", "ABC", "17"])
def test_it_refuses_what_is_not_a_numeral(text):
    with pytest.raises(ValueError):
        from_roman(text)


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_it_refuses_numbers_without_a_numeral(number):
    with pytest.raises(ValueError):
        to_roman(number)

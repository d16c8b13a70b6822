"""Roman numerals, as the RCM numbers its conferences ("XVII")."""

_VALUES = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def to_roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError(f"{number} has no Roman numeral")
    numeral = []
    for value, letters in _VALUES:
        count, number = divmod(number, value)
        numeral.append(letters * count)
    return "".join(numeral)


def from_roman(numeral: str) -> int:
    """The value of a well-formed Roman numeral, any case; ValueError for anything else ("IIII", "XM")."""
    text = numeral.strip().upper()
    total, position = 0, 0
    for value, letters in _VALUES:
        while text.startswith(letters, position):
            total += value
            position += len(letters)
    if not text or position != len(text) or to_roman(total) != text:
        raise ValueError(f"{numeral!r} is not a Roman numeral")
    return total

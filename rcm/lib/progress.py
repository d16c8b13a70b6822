"""Progress bars for long management commands, on their standard error so that standard output stays theirs."""

from django.core.management.base import OutputWrapper
from tqdm import tqdm


class _Unended:
    """A command's stderr as tqdm expects a stream: written as given, without a line ending or colour added."""

    def __init__(self, output: OutputWrapper) -> None:
        self.output = output

    def write(self, text: str) -> None:
        self.output.write(text, ending="", style_func=lambda text: text)

    def flush(self) -> None:
        self.output.flush()


def progress_bar(stderr: OutputWrapper, *, total: int, unit: str, **options) -> tqdm:
    """A tqdm bar drawn on the command's stderr; its `write` prints a line above the bar."""
    return tqdm(total=total, unit=unit, file=_Unended(stderr), **options)


def report_above(bar: tqdm, stderr: OutputWrapper, message: str) -> None:
    bar.write(message, file=_Unended(stderr))

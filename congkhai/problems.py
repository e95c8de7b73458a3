"""Problems found in the editors' data, collected and reported together."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

# A mistake met in at least this many places is reported on one line: replacing
# the list of fields must not print 800 lines for 800 procedures that name one
# that no longer exists.
GROUPED_FROM = 6
# How many places a grouped line names.
PLACES_NAMED = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, which field, and what is wrong (in Vietnamese)."""

    file: str
    line: int
    path: str
    message: str

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def cause(self) -> tuple[str, str]:
        """What makes two problems the same mistake: the message, and the field whatever its list positions."""
        return re.sub(r"\[\d+\]", "[]", self.path), self.message

    def __str__(self) -> str:
        return f"{self.place}: {self.path}: {self.message}" if self.path else f"{self.place}: {self.message}"


def format_path(parts: tuple) -> str:
    """Render a field path the way editors read it: ``cach_thuc[0].hinh_thuc``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class Problems:
    """An ordered collection of problems; the build fails when it is not empty."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, path, message: str) -> None:
        if isinstance(path, tuple):
            path = format_path(path)
        self.items.append(Problem(file, line, path, message))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        """Problems in a stable order: by file, then line, then field."""
        return sorted(set(self.items), key=lambda p: (p.file, p.line, p.path, p.message))

    def lines(self) -> list[str]:
        """One line per problem, except that a mistake met in many places is one line naming a few of them."""
        problems = self.sorted()
        places: dict[tuple, list[Problem]] = {}
        for problem in problems:
            places.setdefault(problem.cause, []).append(problem)
        lines = []
        for problem in problems:
            same = places[problem.cause]
            if len(same) < GROUPED_FROM:
                lines.append(str(problem))
            elif same[0] is problem:
                named = ", ".join(p.place for p in same[:PLACES_NAMED])
                lines.append(f"{problem} (gặp ở {len(same)} chỗ: {named} và {len(same) - PLACES_NAMED} chỗ khác)")
        return lines

    def report(self) -> str:
        return "\n".join([*self.lines(), summary(len(self.sorted()))])


def summary(count: int) -> str:
    return (
        f"Dữ liệu có {count} lỗi. Trang web không được xây dựng lại; "
        "bản đã xây dựng trước đó được giữ nguyên."
    )


class DataErrors(SystemExit):
    """Raised when the data has problems.

    It derives from SystemExit on purpose: Pelican's command line logs every
    ``Exception`` with a traceback, while editors must see only the list of
    problems and a non-zero exit code.  In-process callers catch it like any
    exception and read ``problems``.
    """

    def __init__(self, problems: Problems):
        super().__init__(1)
        self.problems = problems

    def __str__(self) -> str:
        return self.problems.report()


def print_report(problems: Problems, stream=None) -> None:
    """Print one line per problem and a summary to stderr."""
    stream = stream or sys.stderr
    stream.write(problems.report() + "\n")
    stream.flush()

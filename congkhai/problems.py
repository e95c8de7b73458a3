"""Problems found in the editors' data, collected and reported together."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, which field, and what is wrong (in Vietnamese)."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


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

    def report(self) -> str:
        lines = [str(p) for p in self.sorted()]
        lines.append(summary(len(lines)))
        return "\n".join(lines)


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

"""What one process keeps of its last build for the next: a value and what it was made of.

The live preview (``invoke regenerate``) builds again and again in one process,
and the validated-data cache (congkhai.build.cache) hands each build the very
same objects for the files that did not change; those objects are frozen. A
value made of the same objects (``is``) and equal plain values (``==``) is
therefore the same value, and need not be made again. The objects are held,
so their ids cannot pass to other objects meanwhile.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence


class Remembered:
    """The last value of one computation in this process, with its inputs."""

    def __init__(self) -> None:
        self._objects: tuple = ()
        self._values: Hashable = None
        self._known = False
        self.value = None

    def holds(self, objects: Sequence, values: Hashable) -> bool:
        """True when ``value`` was made of these very objects and equal values."""
        return (self._known and values == self._values and len(objects) == len(self._objects)
                and all(a is b for a, b in zip(objects, self._objects)))

    def remember(self, objects: Sequence, values: Hashable, value=None) -> None:
        self._objects, self._values, self._known, self.value = tuple(objects), values, True, value

    def forget(self) -> None:
        self._objects, self._values, self._known, self.value = (), None, False, None

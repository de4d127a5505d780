"""Text as the commands print it: nothing an input holds can move the
cursor, colour the terminal or start a line of the command's own output."""
from __future__ import annotations

import re

# C0 and C1 controls (ESC, CR, LF among them) and the Unicode line and
# paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def shown(path) -> str:
    """A path as printed: bytes that are not UTF-8 shown as \\x escapes."""
    return printable(str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))

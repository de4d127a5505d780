"""Compare what Parallax extracted with a hand-made answer key.

Each scorer takes the key (the format of ``shared/gold/seeds.json``) and
the ``export`` JSON of the imported articles, and returns a Section that
the ``evaluate`` command prints.
"""
from dataclasses import dataclass, field


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)  # human-readable report
    metrics: dict[str, float] = field(default_factory=dict)  # name -> value

"""Disclosure policies: the presets of `disclosure.md` section 2.2, and the symbols and legend of 1.1 and 2.4."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

THRESHOLD_RANGE = range(3, 11)  # "the threshold T = 5 can be set from 3 to 10" (disclosure.md 2.2)


class Preset(StrEnum):
    """A council's starting point, chosen once and overridable per indicator (disclosure.md 2.2)."""

    DFE_LA = "dfe-la"  # counts 1 to 5 shown as c, unrounded, true zeros shown: the default
    NHS = "nhs"  # 1 to 7 shown as c, other counts to the nearest 5
    ONS_10_5 = "ons-10-5"  # under 10 shown as c, 10 and over to the nearest 5

    @property
    def label(self) -> str:
        return _PRESET_LABELS[self]


_PRESET_LABELS = {
    Preset.DFE_LA: "Children's services local authority data (DfE style)",
    Preset.NHS: "Health-linked data (NHS Digital style)",
    Preset.ONS_10_5: "Very small cohorts (ONS 10-5 rule)",
}

# preset -> (threshold T, rounding base for shown counts)
_PRESET_RULES = {Preset.DFE_LA: (5, 1), Preset.NHS: (7, 5), Preset.ONS_10_5: (9, 5)}


class Symbol(StrEnum):
    """GSS / Analysis Function symbols as DfE asks publishers to use them (disclosure.md 1.1)."""

    CONFIDENTIAL = "c"
    NOT_AVAILABLE = "x"
    NOT_APPLICABLE = "z"
    LOW = "low"
    LOW_SENSITIVE = "k"  # `low` reads badly beside sensitive series such as deaths
    LOW_RELIABILITY = "u"


class Suppression(StrEnum):
    """Why a Part 1 cell shows `c`; Part 2 marks primary and secondary cells (disclosure.md 2.3 rule 5)."""

    NONE = "none"
    PRIMARY = "primary"  # small in itself (rules 1 to 4)
    SECONDARY = "secondary"  # a complement, hidden so that a primary cell cannot be worked out (rules 5, 6)
    AT_SOURCE = "at_source"  # already suppressed in the data the council imported (disclosure.md 2.4)


# The legend on every Part 1 table that uses a symbol (disclosure.md 2.4).
LEGEND = (
    "c = suppressed to protect confidentiality (see Part 2 report); x = not available; "
    "z = not applicable; low = rounds to zero but is not zero; u = low reliability"
)
LEGEND_K = "k = a low figure that shows as zero when rounded"
ROUNDING_FOOTNOTE = (
    "Counts are rounded to the nearest {base}, and totals are rounded separately, so figures may not sum."
)


def legend(symbols: Iterable[Symbol]) -> str:
    """The legend a table needs: empty when it shows no symbol, else the standard legend (plus `k` if used)."""
    used = set(symbols)
    if not used:
        return ""
    return f"{LEGEND}; {LEGEND_K}" if Symbol.LOW_SENSITIVE in used else LEGEND


class PolicyError(ValueError):
    """A policy outside what disclosure.md allows (for example a threshold of 2)."""


@dataclass(frozen=True)
class Policy:
    """The rules one Part 1 rendering is built with; recorded on every publication (disclosure.md 2.1).

    threshold: T, counts 1 to T are suppressed (rule 1); only the dfe-la preset lets a council set it.
    zeros_are_disclosive: suppress true zeros too (off by default, since DfE shows true zeros).
    rounding_base: shown counts that relate to individuals are rounded to this (1 = unrounded; rule 7);
        set by the preset.
    class_threshold: a total at or below this, all in one category, hides the category (rule 2).
    minimum_denominator: a rate on fewer than this is suppressed unless it cannot pin the count (rule 4).
    version: the council's policy version, so a publication can say which policy built it.
    """

    preset: Preset = Preset.DFE_LA
    threshold: int = 5
    zeros_are_disclosive: bool = False
    rounding_base: int = 1
    class_threshold: int = 10
    minimum_denominator: int = 10
    version: int | None = None

    def __post_init__(self) -> None:
        if self.threshold not in THRESHOLD_RANGE:
            raise PolicyError(f"The threshold must be from 3 to 10, not {self.threshold}.")
        threshold, base = _PRESET_RULES[self.preset]
        if self.preset is not Preset.DFE_LA and self.threshold != threshold:
            # only the DfE-style preset lets the council set T (disclosure.md 2.2); the others define it
            raise PolicyError(
                f"The {self.preset.value} preset suppresses 1 to {threshold}: set the threshold to {threshold}, "
                "or choose dfe-la to set T."
            )
        if self.rounding_base != base:
            raise PolicyError(f"The {self.preset.value} preset rounds to {base}, not {self.rounding_base}.")

    @classmethod
    def for_preset(
        cls,
        preset: Preset | str,
        *,
        threshold: int | None = None,
        zeros_are_disclosive: bool = False,
        version: int | None = None,
    ) -> Policy:
        """The preset's rules, with the council's own threshold where it sets one."""
        preset = Preset(preset)
        default_threshold, base = _PRESET_RULES[preset]
        return cls(
            preset=preset,
            threshold=default_threshold if threshold is None else threshold,
            zeros_are_disclosive=zeros_are_disclosive,
            rounding_base=base,
            version=version,
        )

    @property
    def rounds(self) -> bool:
        return self.rounding_base > 1

    @property
    def description(self) -> str:
        """As a publication records it: "dfe-la, T = 5, zeros shown, unrounded"."""
        zeros = "zeros suppressed" if self.zeros_are_disclosive else "zeros shown"
        rounding = f"rounded to {self.rounding_base}" if self.rounds else "unrounded"
        version = f" (policy version {self.version})" if self.version is not None else ""
        return f"{self.preset.value}, T = {self.threshold}, {zeros}, {rounding}{version}"


DEFAULT_POLICY = Policy()

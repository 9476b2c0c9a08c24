"""Part 1 (public) and Part 2 (exempt) material, as councils divide their committee business.

A Part 2 item needs a resolution excluding the press and public under the Local Government Act
1972, Schedule 12A (`004_5a7191a0a14e1e5f.txt:132-136`), citing the paragraph that applies.
"""

from enum import IntEnum


class Part(IntEnum):
    ONE = 1
    TWO = 2

    @property
    def label(self) -> str:
        return "Part 1 (public)" if self is Part.ONE else "Part 2 (exempt)"


SCHEDULE_12A_PARAGRAPHS = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated consultations or "
    "negotiations, in connection with any labour relations matter arising between the authority or a "
    "Minister of the Crown and employees of, or office holders under, the authority.",
    5: "Information in respect of which a claim to legal professional privilege could be maintained in "
    "legal proceedings.",
    6: "Information which reveals that the authority proposes (a) to give under any enactment a notice under "
    "or by virtue of which requirements are imposed on a person; or (b) to make an order or direction under "
    "any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the prevention, "
    "investigation or prosecution of crime.",
}

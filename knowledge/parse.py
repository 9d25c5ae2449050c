"""Split the article into its front matter, sections, paragraphs and typed sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from knowledge.nlp import pipeline

_NUMBERED_HEADING = re.compile(r"^(\d+)\.\s+(.+)$")
_DATE_LINE = re.compile(r"/\s*([A-Z][a-z]+ \d{1,2}, \d{4})\s*$")
_LABEL = re.compile(r"^([A-Z][A-Za-z]*(?: [A-Z][a-z]+)?):\s+")
_HOLD = re.compile(r"\b(\d+)\s*-\s*(\d+)\s+seconds\b")
INTRO_TITLE = "Introduction"


@dataclass
class Sentence:
    text: str
    kind: str


@dataclass
class Paragraph:
    sentences: list[Sentence]


@dataclass
class ParsedSection:
    position: int
    title: str
    kind: str
    number: int | None = None
    group_title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class ParsedArticle:
    title: str
    published: str
    sections: list[ParsedSection]


def _is_heading(line: str) -> bool:
    return not line.rstrip().endswith((".", "?", "!", ":")) and len(line.split()) <= 12


def _group_kind(group_text: str) -> str:
    lemmas = {token.lemma_.lower() for token in pipeline()(group_text.lower())}
    for kind, cue in (("exercise", "exercise"), ("strategy", "strategy"), ("cause", "cause")):
        if cue in lemmas:
            return kind
    raise ValueError(f"cannot tell what kind of section group this introduces: {group_text!r}")


def _sentence_kind(section_kind: str, paragraph_label: str | None, text: str) -> str:
    if section_kind != "exercise":
        return "prose"
    if paragraph_label == "Instructions":
        return "instruction"
    if paragraph_label and paragraph_label.endswith("Test"):
        return "test"
    if _HOLD.search(text):
        return "dosage"
    if text.startswith("Alternatively"):
        return "variant"
    return "prose"


def _split_sentences(line: str) -> list[str]:
    return [span.text.strip() for span in pipeline()(line).sents if span.text.strip()]


def parse_article(text: str) -> ParsedArticle:
    """Parse the article's plain text (one paragraph per line) into sections of typed sentences."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, published = lines[0], None
    body_start = 1
    while body_start < len(lines) and _is_heading(lines[body_start]):
        date = _DATE_LINE.search(lines[body_start])
        if date:
            published = datetime.strptime(date.group(1), "%B %d, %Y").date().isoformat()
        body_start += 1
    if published is None:
        raise ValueError("the article has no publication date line")

    sections = [ParsedSection(position=0, title=INTRO_TITLE, kind="intro")]
    group_title: str | None = None
    heading_opens_group = False
    last_prose: str | None = None
    for line in lines[body_start:]:
        numbered = _NUMBERED_HEADING.match(line)
        if numbered and _is_heading(line):
            number = int(numbered.group(1))
            if number == 1 and not heading_opens_group:
                # A list without a heading of its own is introduced by the paragraph before it.
                group_title = last_prose
            heading_opens_group = False
            sections.append(
                ParsedSection(
                    position=len(sections),
                    title=numbered.group(2).strip(),
                    kind=_group_kind(group_title or ""),
                    number=number,
                    group_title=group_title,
                )
            )
            continue
        if _is_heading(line):
            group_title = line
            heading_opens_group = True
            continue
        label_match = _LABEL.match(line)
        label = label_match.group(1) if label_match else None
        section = sections[-1]
        section.paragraphs.append(
            Paragraph(
                [
                    Sentence(text=sentence, kind=_sentence_kind(section.kind, label, sentence))
                    for sentence in _split_sentences(line)
                ]
            )
        )
        last_prose = line
    return ParsedArticle(title=title, published=published, sections=sections)

"""The knowledge base: loads knowledge/answers.yml (the one source of truth) and builds sourced replies.

Nothing here talks to Rasa; actions/faq.py turns these into messages, tests and tools import it too.
"""
from __future__ import annotations

import functools
import os
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import yaml

KB_PATH = Path(os.environ.get("KNOWLEDGE_FILE", Path(__file__).resolve().parent.parent / "knowledge" / "answers.yml"))


def fragment_link(url: str, fragment: str) -> str:
    """Article URL with a text fragment (#:~:text=...) that scrolls to and highlights the passage."""
    # Text fragments need '-', '&' and ',' escaped as well; quote() leaves '-' alone, so do it by hand.
    encoded = urllib.parse.quote(fragment, safe="").replace("-", "%2D")
    return f"{url}#:~:text={encoded}"


@dataclass(frozen=True)
class Citation:
    title: str
    fragment: str
    url: str


@dataclass(frozen=True)
class Answer:
    id: str
    title: str
    question: str
    section: str
    fragment: str
    text: str
    url: str
    cites: List[Citation] = field(default_factory=list)
    follow_ups: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class KnowledgeBase:
    article_title: str
    article_url: str
    site: str
    author: str
    answers: Dict[str, Answer]

    def get(self, answer_id: str) -> Optional[Answer]:
        return self.answers.get(answer_id)

    @property
    def ids(self) -> List[str]:
        return list(self.answers)

    def sources(self, answer: Answer) -> List[Dict[str, str]]:
        """Reply-contract sources: the article passage first, then what the article cites there."""
        out = [{"title": self.article_title, "section": answer.section, "url": answer.url, "type": "article"}]
        out += [{"title": c.title, "section": answer.section, "url": c.url, "type": "cited_by_article"}
                for c in answer.cites]
        return out

    def source_line(self, answer: Answer) -> str:
        line = f"Source: “{answer.section}”, in {self.author}'s article on {self.site}: {answer.url}"
        if answer.cites:
            named = "; ".join(c.title for c in answer.cites)
            line += f"\nThe article cites here: {named}."
        return line


def load(path: Path = KB_PATH) -> KnowledgeBase:
    """Parse and validate the knowledge file; raises ValueError naming the first problem found."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    article = raw["article"]
    url = article["url"]
    answers: Dict[str, Answer] = {}
    for entry in raw["answers"]:
        aid = entry["id"]
        if aid in answers:
            raise ValueError(f"duplicate answer id {aid!r} in {path}")
        for key in ("title", "question", "section", "fragment", "text"):
            if not str(entry.get(key) or "").strip():
                raise ValueError(f"answer {aid!r} has no {key}")
        cites = [Citation(c["title"], c["fragment"], fragment_link(url, c["fragment"]))
                 for c in entry.get("cites") or []]
        answers[aid] = Answer(
            id=aid, title=entry["title"], question=entry["question"], section=entry["section"],
            fragment=entry["fragment"], text=" ".join(entry["text"].split()),
            url=fragment_link(url, entry["fragment"]), cites=cites,
            follow_ups=list(entry.get("follow_ups") or []),
        )
    for a in answers.values():
        unknown = [f for f in a.follow_ups if f not in answers]
        if unknown:
            raise ValueError(f"answer {a.id!r} has unknown follow-ups {unknown}")
    return KnowledgeBase(article_title=article["title"], article_url=url, site=article["site"],
                         author=article["author"], answers=answers)


@functools.lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return load()

"""The knowledge base is the one source of truth: every entry must be valid against the article."""
import re
import urllib.parse
from pathlib import Path

import pytest
import yaml

from actions.knowledge import fragment_link, load, KB_PATH

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT.parent / "shared" / "knowledge" / "iop-for-work-burnout.txt").read_text(encoding="utf-8")
FIXED_IDS = {
    "iop_for_burnout", "what_iop_looks_like", "signs_need_iop", "why_introverts_wait",
    "group_therapy_introverts", "therapies_used", "intake_assessment", "recovery_plan", "insurance_cost",
    "choosing_a_program", "feeling_worse_first", "employer_fmla", "working_during_iop", "iop_vs_inpatient",
    "program_length", "return_to_work",
}
KB = load()


def test_ids_are_exactly_the_fixed_set():
    assert set(KB.ids) == FIXED_IDS


def test_article_url_matches_the_saved_article():
    assert f"URL: {KB.article_url}" in ARTICLE


@pytest.mark.parametrize("answer_id", sorted(FIXED_IDS))
def test_entry_is_grounded_in_the_article(answer_id):
    a = KB.get(answer_id)
    heading = a.section.split("Frequently Asked Questions: ", 1)[-1]
    assert heading in ARTICLE, f"section {a.section!r} not in the article"
    if a.section.startswith("Frequently Asked Questions: "):
        assert "Frequently Asked Questions" in ARTICLE
    assert a.fragment in ARTICLE, "link fragment must be verbatim article text"
    # the link decodes back to that text, and lands after the section heading
    frag = urllib.parse.unquote(a.url.split("#:~:text=", 1)[1])
    assert frag == a.fragment
    assert a.url.startswith(KB.article_url + "#:~:text=")
    assert ARTICLE.index(heading) <= ARTICLE.index(a.fragment)
    for c in a.cites:
        assert c.fragment in ARTICLE
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", a.text) if s.strip()]
    assert 2 <= len(sentences) <= 6, f"{answer_id}: answers are short ({len(sentences)} sentences)"
    assert 2 <= len(a.follow_ups) <= 3 and answer_id not in a.follow_ups


def test_named_citations_are_all_present():
    named = " ".join(c.title for a in KB.answers.values() for c in a.cites)
    for ref in ("American Psychological Association, overview of stress symptoms",
                "relaxation and stress response", "PubMed Central", "Psychology Today", "FMLA"):
        assert ref in named


def test_fragment_link_escapes_text_fragment_specials():
    link = fragment_link("https://x.test/a", "self-reliance, early & often")
    assert link == "https://x.test/a#:~:text=self%2Dreliance%2C%20early%20%26%20often"


def test_every_answer_has_an_intent_with_examples():
    nlu = {}
    for f in (ROOT / "data").rglob("*.yml"):
        for block in (yaml.safe_load(f.read_text()) or {}).get("nlu", []) or []:
            if "intent" in block:
                nlu.setdefault(block["intent"], []).extend(
                    l for l in block["examples"].splitlines() if l.strip().startswith("- "))
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    for aid in FIXED_IDS:
        assert aid in domain["intents"], f"{aid} missing from domain intents"
        assert len(nlu.get(aid, [])) >= 25, f"{aid} has {len(nlu.get(aid, []))} examples, want >= 25"


def test_bad_knowledge_file_is_rejected(tmp_path):
    bad = yaml.safe_load(KB_PATH.read_text())
    bad["answers"][0]["follow_ups"] = ["no_such_answer"]
    p = tmp_path / "answers.yml"
    p.write_text(yaml.safe_dump(bad))
    with pytest.raises(ValueError, match="unknown follow-ups"):
        load(p)

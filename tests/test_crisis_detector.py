"""CrisisDetector in-process: built through create() as Rasa does, fed real rasa Message objects.

Positives per category and hard negatives live in tests/data/crisis_dev.tsv (our own texts).
label: crisis | urgent | none.
"""
import csv
import logging
import time
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.crisis_detector import (CrisisDetector, compile_token_pattern, detect, expand_phrase, get_engine,
                                       normalise)

DEV = Path(__file__).parent / "data" / "crisis_dev.tsv"
ROWS = list(csv.DictReader(DEV.open(encoding="utf-8"), delimiter="\t"))
EXPECTED_INTENT = {"crisis": "crisis", "urgent": "crisis_urgent"}


@pytest.fixture(scope="module")
def detector(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    return CrisisDetector.create(
        {**CrisisDetector.get_default_config()}, storage, Resource("crisis_detector"),
        ExecutionContext(GraphSchema({}), "test-model"))


def run(detector, text, intent=None, ranking=None):
    data = {TEXT: text}
    msg = Message(data=data)
    if intent is not None:
        msg.set(INTENT, intent, add_to_output=True)
        msg.set(INTENT_RANKING_KEY, ranking if ranking is not None else [intent], add_to_output=True)
    return detector.process([msg])[0]


def faq(name="program_length", conf=0.97):
    intent = {"name": name, "confidence": conf}
    return intent, [intent, {"name": "crisis", "confidence": 0.01}, {"name": "greet", "confidence": 0.005}]


def test_dev_set_has_every_category():
    cats = {r["category"] for r in ROWS}
    for needed in ["explicit_ideation", "passive_death_wish", "plan", "note", "giving_away", "goodbye",
                   "self_harm", "attempt", "method", "method_veiled", "harm_others", "slang", "typo",
                   "denial_then_wish", "frightening_thoughts", "not_safe", "about_someone_else",
                   "long_work_stress", "figurative", "article_question", "safe"]:
        assert needed in cats, needed
    assert sum(r["label"] != "none" for r in ROWS) >= 90
    assert sum(r["label"] == "none" for r in ROWS) >= 50


@pytest.mark.parametrize("row", [r for r in ROWS if r["label"] != "none"],
                         ids=lambda r: f"{r['category']}:{r['text'][:40]}")
def test_positive_fires_with_right_severity(detector, row):
    # the classifier is confident about an FAQ answer: the patterns must still win
    intent, ranking = faq()
    msg = run(detector, row["text"], intent, ranking)
    want = EXPECTED_INTENT[row["label"]]
    assert msg.get(INTENT)["name"] == want, (row, msg.get("crisis"))
    assert msg.get(INTENT)["confidence"] == 1.0
    assert msg.get(INTENT_RANKING_KEY)[0] == {"name": want, "confidence": 1.0}
    assert [r["name"] for r in msg.get(INTENT_RANKING_KEY)].count(want) == 1
    crisis = msg.get("crisis")
    assert crisis["matched"] is True and crisis["severity"] == ("urgent" if row["label"] == "urgent" else "crisis")
    assert crisis["categories"] and "patterns" in crisis["source"]


@pytest.mark.parametrize("row", [r for r in ROWS if r["label"] == "none"],
                         ids=lambda r: f"{r['category']}:{r['text'][:40]}")
def test_hard_negative_does_not_fire(detector, row):
    intent, ranking = faq("iop_for_burnout", 0.8)
    msg = run(detector, row["text"], intent, ranking)
    assert msg.get(INTENT) == intent, (row, msg.get("crisis"))
    assert msg.get(INTENT_RANKING_KEY) == ranking
    assert msg.get("crisis")["matched"] is False


def test_faq_dev_set_questions_do_not_fire(detector):
    """The held-out FAQ questions (written by someone else) are all non-crisis."""
    rows = list(csv.DictReader((DEV.parent / "faq_dev.tsv").open(encoding="utf-8"), delimiter="\t"))
    fired = [r["text"] for r in rows if run(detector, r["text"]).get("crisis")["matched"]]
    assert len(rows) > 200 and not fired, fired


def test_overrides_confident_faq_intent(detector):
    intent, ranking = faq("working_during_iop", 0.99)
    msg = run(detector, "can i keep working during iop? i also keep thinking about ending my life", intent, ranking)
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    names = [r["name"] for r in msg.get(INTENT_RANKING_KEY)]
    assert names[0] == "crisis" and "working_during_iop" in names and names.count("crisis") == 1


@pytest.mark.parametrize("name,above,expected", [
    ("crisis", 0.01, "crisis"), ("crisis_urgent", 0.0, "crisis_urgent"), ("crisis", 0.1, "crisis")])
def test_classifier_crisis_above_threshold_is_confirmed(detector, name, above, expected):
    conf = min(1.0, detector.threshold + above)
    intent = {"name": name, "confidence": conf}
    msg = run(detector, "everything feels pointless and heavy", intent,
              [intent, {"name": "out_of_scope", "confidence": 1 - conf}])
    assert msg.get(INTENT) == {"name": expected, "confidence": 1.0}
    assert msg.get("crisis")["source"] == "classifier" and "classifier" in msg.get("crisis")["categories"]


def test_a_question_about_what_the_article_means_is_not_a_crisis_on_the_classifier_alone(detector):
    sure = {"name": "crisis", "confidence": 0.97}
    ranking = [sure, {"name": "signs_need_iop", "confidence": 0.03}]
    asked = run(detector, "what does the article mean by thoughts that frighten you?", sure, ranking)
    assert asked.get("crisis")["matched"] is False
    assert asked.get(INTENT)["name"] == "signs_need_iop"  # the FAQ answer (it names 988) instead
    # with "I/me/my" in it, the same classifier score still fires...
    own = run(detector, "what does it mean that my thoughts frighten me?", sure, ranking)
    assert own.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    # ...and so do the patterns, whoever the message is about
    words = run(detector, "what does it mean when someone says they want to kill themselves?", sure, ranking)
    assert words.get("crisis")["matched"] is True


def test_classifier_crisis_below_threshold_is_left_alone(detector):
    intent = {"name": "out_of_scope", "confidence": 0.5}
    ranking = [intent, {"name": "crisis", "confidence": 0.2}]
    msg = run(detector, "everything feels pointless and heavy", intent, ranking)
    assert msg.get(INTENT) == intent
    assert msg.get("crisis") == {"matched": False, "classifier_confidence": 0.2, "demoted": False,
                                 "classifier_scores": {"crisis": 0.2, "crisis_urgent": 0.0}}


@pytest.mark.parametrize("kind,fires", [("sum", True), ("max", False)])
def test_a_classifier_split_between_the_two_crisis_intents_counts_together_only_with_sum(kind, fires):
    """0.40 crisis + 0.38 crisis_urgent: 78% crisis in all, though neither intent alone reaches 0.7."""
    det = CrisisDetector({**CrisisDetector.get_default_config(), "classifier_score": kind,
                          "classifier_threshold": 0.7})
    top = {"name": "crisis", "confidence": 0.40}
    ranking = [top, {"name": "crisis_urgent", "confidence": 0.38}, {"name": "out_of_scope", "confidence": 0.22}]
    msg = run(det, "everything feels pointless and heavy", top, ranking)
    assert msg.get("crisis")["matched"] is fires
    assert msg.get("crisis")["classifier_confidence"] == (0.78 if kind == "sum" else 0.4)
    assert msg.get(INTENT)["name"] == ("crisis" if fires else "out_of_scope")


def test_classifier_score_names_the_likelier_crisis_intent_and_refuses_unknown_kinds():
    det = CrisisDetector({**CrisisDetector.get_default_config(), "classifier_score": "sum"})
    assert det.classifier_score({"crisis": 0.2, "crisis_urgent": 0.5}) == ("crisis_urgent", 0.7)
    assert det.classifier_score({"crisis": 0.0, "crisis_urgent": 0.0}) == (None, 0.0)
    assert det.classifier_score({}) == (None, 0.0)
    with pytest.raises(ValueError, match="classifier_score"):
        CrisisDetector({**CrisisDetector.get_default_config(), "classifier_score": "mean"})


def test_weak_classifier_crisis_top_intent_never_reaches_the_crisis_rules(detector):
    """A crisis top intent below the threshold, with no pattern, is demoted to the next intent."""
    weak = {"name": "crisis", "confidence": detector.threshold - 0.05}
    ranking = [weak, {"name": "signs_need_iop", "confidence": 0.04}, {"name": "out_of_scope", "confidence": 0.01}]
    msg = run(detector, "everything feels pointless and heavy", weak, ranking)
    assert msg.get(INTENT)["name"] == "signs_need_iop"
    assert [r["name"] for r in msg.get(INTENT_RANKING_KEY)][-1] == "crisis"
    assert msg.get("crisis")["matched"] is False and msg.get("crisis")["demoted"] is True


def test_weak_safe_intent_is_demoted_but_a_sure_one_is_kept(detector):
    weak = {"name": "crisis_safe", "confidence": 0.4}
    msg = run(detector, "ok cool", weak, [weak, {"name": "thanks", "confidence": 0.3}])
    assert msg.get(INTENT)["name"] == "thanks"
    sure = {"name": "crisis_safe", "confidence": 0.9}
    msg = run(detector, "i'm safe right now", sure, [sure, {"name": "thanks", "confidence": 0.05}])
    assert msg.get(INTENT) == sure


def test_threshold_is_configurable(tmp_path):
    det = CrisisDetector.create({"classifier_threshold": 0.25}, LocalModelStorage(tmp_path),
                                Resource("c"), ExecutionContext(GraphSchema({}), "m"))
    intent = {"name": "program_length", "confidence": 0.6}
    msg = run(det, "i don't know anymore, it all feels pointless", intent,
              [intent, {"name": "crisis", "confidence": 0.3}])
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}


NO_RISK_WORD = ("i feel so heavy every morning and i cry before work. my manager piles more on me and i "
                "can't focus or sleep. is this normal, should i see a therapist?")


def test_with_the_risk_gate_a_confident_classifier_without_any_risk_word_is_not_a_crisis(tmp_path):
    """risk_vocabulary_gate on: a crisis score alone, with no risk vocabulary, is not taken as
    evidence of risk, and the crisis guess is demoted so the crisis rules never see it."""
    det = CrisisDetector.create({"risk_vocabulary_gate": True}, LocalModelStorage(tmp_path),
                                Resource("c"), ExecutionContext(GraphSchema({}), "m"))
    intent = {"name": "crisis", "confidence": 0.97}
    msg = run(det, NO_RISK_WORD, intent, [intent, {"name": "express_distress", "confidence": 0.02}])
    assert msg.get(INTENT)["name"] == "express_distress"
    assert msg.get("crisis")["matched"] is False


def test_by_default_a_confident_classifier_fires_without_a_risk_word(detector):
    """Default (gate off, measured): indirect wording with no risk word, such as hidden marks or a
    date chosen, reaches the crisis rules when the classifier is sure; a weak score still does not."""
    assert detector.risk_gate is False
    text = "told the nurse the bruises were from soccer. they're from me."
    sure = {"name": "crisis", "confidence": detector.threshold + 0.05}
    msg = run(detector, text, sure, [sure, {"name": "express_distress", "confidence": 0.1}])
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    assert msg.get("crisis")["source"] == "classifier"
    weak = {"name": "crisis", "confidence": detector.threshold - 0.05}
    msg = run(detector, NO_RISK_WORD, weak, [weak, {"name": "express_distress", "confidence": 0.1}])
    assert msg.get(INTENT)["name"] == "express_distress"


def test_classifier_urgent_and_pattern_crisis_gives_urgent(detector):
    intent = {"name": "crisis_urgent", "confidence": 0.9}
    msg = run(detector, "i want to die", intent, [intent])
    assert msg.get(INTENT)["name"] == "crisis_urgent"
    assert msg.get("crisis")["source"] == "patterns+classifier"


def test_crisis_safe_is_not_overridden(detector):
    intent = {"name": "crisis_safe", "confidence": 0.9}
    for text in ["i'm safe right now", "i'm ok now, not in danger", "I'm not going to hurt myself, promise"]:
        msg = run(detector, text, intent, [intent])
        assert msg.get(INTENT) == intent, text


# Wording added in the second session (own examples, not dev-set rows): welcome accidents, relief at
# dying, never born, not existing, last posts, "won't be here", notes, unnamed overdoses, past
# attempts, hitting oneself, veiled "too much ... to die", harm fantasies, euphemisms.
SECOND_SESSION_POSITIVES = [
    ("if the train crashed on my commute i honestly wouldn't mind", "crisis"),
    ("i'd be okay if something happened to me on the drive home", "crisis"),
    ("sometimes i think dying would be a relief from all this", "crisis"),
    ("i keep wishing i had never been born", "crisis"),
    ("i just want to not exist for a while, like permanently", "crisis"),
    ("i'm done with being alive honestly", "crisis"),
    ("this will be my last post, thank you all", "crisis_urgent"),
    ("i finished my note last night", "crisis_urgent"),
    ("goodbye everyone, i'm sorry", "crisis_urgent"),
    ("i took something and now i'm feeling dizzy and scared", "crisis_urgent"),
    ("i already took the pills, it's done", "crisis_urgent"),
    ("i attempted last year and the thoughts are back", "crisis"),
    ("i bang my head against the wall when work gets too much", "crisis"),
    ("could you take too much of your meds to not wake up", "crisis"),
    ("is there any way to die that doesn't hurt", "crisis"),
    ("i keep having thoughts of hurting my manager", "crisis"),
    ("i wonder if i could hurt him and get away with it", "crisis"),
    ("i just want to go join my mom already", "crisis"),
]
SECOND_SESSION_NEGATIVES = [
    "i'm not thinking of hurting myself, i'm just exhausted by this job",
    "if my laptop died tomorrow i wouldn't mind, it's ancient",
    "i won't be here tomorrow, i have a doctor's appointment",
    "i won't be here next month, we're moving to denver",
    "i left my note for the cleaner on the desk",
    "is there any way to get through a 12 hour shift without coffee",
    "i took something for my headache and it helped",
    "i banged my head on the cupboard door this morning",
    "today is the day i finally ask for a raise",
]


# Wording added in the third session for misses on half A of the indirect-wording dev posts (own
# examples, not dev-set rows). Half B showed these patterns generalise little (reports/eval.md and the
# closing note): the classifier has to carry indirect wording.
THIRD_SESSION_POSITIVES = [
    ("i'm annoyed every time i wake up again, another day of this", "crisis"),
    ("not planning anything, i just hope i don't live much longer", "crisis"),
    ("i'd welcome death at this point", "crisis"),
    ("if i didn't wake up tomorrow i'd be relieved honestly", "crisis"),
    ("i'm still angry the paramedics saved me", "crisis"),
    ("it would be so peaceful to just fade away", "crisis"),
    ("after work i'm driving out to the coast and not coming back", "crisis_urgent"),
    ("i won't be around to read your reply", "crisis_urgent"),
    ("i gave my passwords to my sister so she can sort things out", "crisis_urgent"),
    ("i did something stupid with my pills and i feel really strange", "crisis_urgent"),
    ("sitting in the garage with the engine running", "crisis_urgent"),
    ("my last attempt put me in the hospital for a week", "crisis"),
    ("i punch the wall on purpose until my knuckles split", "crisis"),
    ("i scratch my arms until they bleed when i panic", "crisis"),
    ("i relapsed on sh last night after three months", "crisis"),
    ("a voice keeps telling me to hurt my roommate", "crisis"),
    ("i get an urge to push someone off the platform", "crisis"),
    ("sometimes i picture poisoning my boss's lunch", "crisis"),
]
THIRD_SESSION_NEGATIVES = [
    "i handed in my notice and we're planning a goodbye lunch on friday",
    "can i end my lease early if i move for treatment",
    "is there an overdose risk with melatonin and my antidepressant",
    "i accidentally took my morning pill twice, should i call the pharmacy",
    "this is my last message before i log off for the weekend",
    "i'm going to the beach on saturday and not coming back until sunday night",
    "i won't be around for the meeting tomorrow",
    "my brother beats me at chess every time",
    "we did a training on how to ask coworkers about suicide",
]


# Fifth session: the severe C-SSRS categories (preparation, attempts, lethality questions, harm to others)
# in indirect wording. Our own sentences, not rows of the dev sets.
FIFTH_SESSION_POSITIVES = [
    ("i keep hoping a bus swerves into me on the way to the office", "crisis"),
    ("praying for an aneurysm so i never have to open my inbox again", "crisis"),
    ("sometimes i envy the dead, they get to rest", "crisis"),
    ("i will not keep living like this past the end of the quarter", "crisis"),
    ("took way more of my sleeping pills than i should have", "crisis_urgent"),
    ("mixed my meds with vodka an hour ago and my vision is weird", "crisis_urgent"),
    ("everything is spinning since what i took", "crisis_urgent"),
    ("the rope is already up in the basement", "crisis_urgent"),
    ("two months post-attempt and back at my desk like nothing happened", "crisis"),
    ("the last time i tried i ended up in the psych ward", "crisis"),
    ("i know exactly which bridge, i drive over it every day", "crisis_urgent"),
    ("been holding back my meds to save them up", "crisis_urgent"),
    ("it's been nice knowing all of you", "crisis_urgent"),
    ("my sister will be the one to find me", "crisis_urgent"),
    ("is drowning painless or do people panic", "crisis"),
    ("asking for a friend: what hurts least", "crisis"),
    ("i know where my old manager lives now", "crisis"),
    ("there's a hammer in my bag and i'm outside his office", "crisis"),
]
FIFTH_SESSION_NEGATIVES = [
    "i took more notes than i should have in the intake meeting",
    "we went kayaking and the water was so cold but so peaceful",
    "i tried twice to call my insurer and nobody picks up",
    "my grandma's funeral was last week and i miss her so much",
    "i know where the clinic is, i drive past it every day",
    "i'll be gone for two weeks on leave, can i still do the program after",
]

# seventh session: our own wording for the kinds the new dev sets (tests/data/crisis_dev_chat_a.tsv,
# crisis_dev_forum_a.tsv, crisis_dev_slang.tsv) showed were missed; none is a row of those sets
SEVENTH_SESSION_POSITIVES = [
    ("planning to k*ll myself this weekend", "crisis_urgent"),
    ("k.y.s. is what i tell myself every night. k.m.s. soon", "crisis_urgent"),
    ("i wnat to dei after this project", "crisis"),
    ("me not want live more, too much pressure", "crisis"),
    ("honestly i just want it all to be over for good", "crisis"),
    ("some days i'm annoyed that i still woke up", "crisis"),
    ("i got the method worked out and the stuff to do it is in my car", "crisis_urgent"),
    ("don't blame yourself for what i'm about to do", "crisis_urgent"),
    ("the dog is going to my sister's, i won't be around to walk him", "crisis_urgent"),
    ("not sticking around past another christmas like this", "crisis_urgent"),
    ("if they can tell a wreck was on purpose the policy won't pay, right?", "crisis"),
    ("does the background check at a gun shop see my psych hospital stay", "crisis"),
    ("i've wanted my supervisor dead for weeks", "crisis"),
    ("if they lay me off i'm taking everyone with me", "crisis"),
    ("did something really stupid to myself and my arm won't stop shaking", "crisis_urgent"),
    ("i've been burning myself for months and nobody knows", "crisis"),
]
SEVENTH_SESSION_NEGATIVES = [
    "my uncle died by suicide when i was a kid and i still think about him at family dinners",
    "we lost our neighbour to an overdose last spring, it shook the whole street",
    "i could strangle my manager, kidding, but he schedules meetings at 7am",
    "i can't go on like this at my job, i'm putting in my two weeks",
    "i feel numb and flat, not in a dangerous way, i don't want to die, i just feel nothing",
    "my hair got cut again by the trainee and it's uneven",
    "giving all my stuff away before we move to denver, anyone want a couch?",
    "i won't be around to feed the cat next week, i'm at a conference",
    "f*ck this inbox",
]
TENTH_SESSION_POSITIVES = [
    ("on the drive in i keep thinking about ending everything", "crisis"),
    ("those thoughts about ending it never really left", "crisis"),
    ("i don't wnat to be aliv anymore", "crisis"),
    ("i tried to end things after my last layoff", "crisis"),
    ("there's a history of suicide attempts in my file, will the program see it", "crisis"),
    ("i tried once in college and it feels the same now", "crisis"),
    ("how deep would a cut need to be to matter", "crisis"),
    ("how fast do you lose consciousness if the rope is tight", "crisis"),
    ("this is the last text you'll get from me. i'm sorry for all of it", "crisis_urgent"),
    ("don't bother finding me a program, i won't be around past new year's", "crisis_urgent"),
]
TENTH_SESSION_NEGATIVES = [
    "how deep should i cut the stems before putting flowers in water",
    "i won't be here after tomorrow, i'm on a work trip until the 10th",
    "we're ending everything with that vendor after this quarter",
    "last message of the day, bye everyone!",
    "the training on suicide prevention at work was actually helpful",
    "our team read a report on suicide rates in construction",
    "the intake nurse went through the suicide screening questions and i said no to all",
    "years ago i cut myself for a while. i've been stable for a long time now and this is about burnout",
    "I blacked out from low blood sugar and lost consciousness at my desk",
]
# thirteenth session: our own wording for the kinds the new writers' training halves (data/nlu/crisis_new_writers.yml)
# showed the patterns missed; none is a row of any set. The negatives sit next to each new pattern.
THIRTEENTH_SESSION_POSITIVES = [
    ("swallowed all there was in the bathroom cabinet, sorry", "crisis_urgent"),
    ("i did something an hour ago and i can feel it kicking in", "crisis_urgent"),
    ("i decided how i'll do it and nobody at the office suspects", "crisis_urgent"),
    ("i've sorted out the where and the how, only the date is left", "crisis_urgent"),
    ("chose the method and the night already", "crisis_urgent"),
    ("finished my letters and picked the spot", "crisis_urgent"),
    ("bought what i needed, it's in the glovebox now", "crisis_urgent"),
    ("it's not my last day at work on friday, it's my last day", "crisis_urgent"),
    ("after the audit i'm checking out for good", "crisis_urgent"),
    ("you'll understand tomorrow why i said thanks for everything", "crisis_urgent"),
    ("my passwords and insurance papers are in the folder on my desk for my sister", "crisis_urgent"),
    ("would the whole box of my sleeping tablets be enough", "crisis"),
    ("what if a person took their whole prescription at once", "crisis"),
    ("from a high enough floor is a fall guaranteed", "crisis"),
    ("i keep praying my heart just stops during the standup", "crisis"),
    ("i hope i catch some awful illness so this ends", "crisis"),
    ("half hoping the delivery van would flatten me on the way in", "crisis"),
    ("i don't want to move away, i want to be gone for good", "crisis"),
    ("i want my team lead to suffer the way i have", "crisis"),
]
THIRTEENTH_SESSION_NEGATIVES = [
    "i took everything i had in the cabinet to the pharmacy take-back day",
    "i took something for the headache and i can feel it working already",
    "i know exactly how i'll do it: tell my manager on monday and ask for leave",
    "we picked the venue and the date for the team offsite",
    "it's my last day at work on friday, they're getting me a cake",
    "i'm checking out of the hotel tomorrow and flying home",
    "my passwords are in the folder on my desk while i'm away on vacation",
    "is a whole bottle of water enough for the drive",
    "the drop on that roller coaster is guaranteed to make me scream",
    "i hope i don't catch some illness from the open office",
    "i want the pain to be gone for good, my back has hurt for months",
    "i want my manager to understand how tired i am",
]
# fifteenth session: the patterns fired on 38 of our own non-crisis training examples (data/nlu); the fixes
# (denied dark thoughts, history told as "back in 2015", "it hits me", screens and caseloads, leaving a job)
# are tested in our own words, each next to a message the same pattern must still catch.
FIFTEENTH_SESSION_POSITIVES = [
    ("i have dark thoughts at night that i can't switch off", "crisis"),
    ("i'm not suicidal but the dark thoughts are there every night", "crisis"),
    ("years ago i wanted to kill myself, then i got help and was in a good place. the thoughts are back now",
     "crisis"),
    ("my husband hits me when he drinks", "crisis"),
    ("nobody would notice if i disappeared for good", "crisis"),
    ("i want to die, and not figuratively", "crisis"),
    ("i took an overdose an hour ago", "crisis_urgent"),
    ("said goodbye to everyone tonight, i won't be around much longer", "crisis_urgent"),
    ("i wrote goodbye letters to my family", "crisis_urgent"),
    ("i'm sick of living, there is no point", "crisis"),
    ("i'd rather die than go on like this", "crisis"),
    # the means at hand, a high place, things given away, a time that "is it" (crisis_urgent examples we train on
    # that no pattern caught, in other words)
    ("overdosed last night and didn't tell anyone", "crisis_urgent"),
    ("took everything i'd been saving up in the drawer", "crisis_urgent"),
    ("my tablets are lined up on the desk and i'm ready", "crisis_urgent"),
    ("i'm holding a razor right now", "crisis_urgent"),
    ("got the rope up and i know which beam", "crisis_urgent"),
    ("one foot over the railing of the bridge", "crisis_urgent"),
    ("i'm going to walk into the river tonight", "crisis_urgent"),
    ("standing on the top level of the parking garage, nobody around", "crisis_urgent"),
    ("gave my bike to my neighbour, i won't need it anymore", "crisis_urgent"),
    ("left letters in the drawer for my kids", "crisis_urgent"),
    ("saturday is it for me.", "crisis_urgent"),
    ("after the audit i'm done. not with the job. with everything.", "crisis_urgent"),
    ("after this week it's over for me", "crisis_urgent"),
    # next to the sweep-set false alarms mended (a screen answered "no", a volunteer on a line, "at work")
    ("the nurse asked if i was suicidal and i said yes", "crisis"),
    ("what's the number for the suicide prevention line, i need it", "crisis"),
    ("i can't go on like this anymore", "crisis"),
]
FIFTEENTH_SESSION_NEGATIVES = [
    "no dark thoughts or anything like that, i'm just worn out by work",
    "i'm not having any scary thoughts, i just feel flat",
    "i'm not in a dark place, just tired of the commute",
    "i had suicidal thoughts back in 2016, got treatment and haven't had them since. now it's only burnout",
    "my dad passed when i was ten and it still hits me around the holidays",
    "the nurse ran a suicide risk screen at intake and i scored zero",
    "the wellness survey had a self harm section and it made me nervous about being honest on it",
    "i work in the ER and the overdose calls this winter have worn me down",
    "sick of living paycheck to paycheck on this salary",
    "honestly nobody would notice if i disappeared from the group chat for a week",
    "when the reorg email landed i wanted to die, figuratively speaking",
    "last day at the agency today, said goodbye to everyone and handed back my badge",
    "wrote goodbye cards for my students since i'm moving to another school",
    "i'm not giving up on life, just on this job",
    "i'd rather die than stand up and present to the board",
    "overdosed on caffeine again before the standup",
    "i took everything i had left to the donation bin",
    "counting my pills into the weekly organizer",
    "i'm holding a razor right now, shaving before the interview",
    "the rope for the tire swing hangs from the big beam in the barn",
    "standing on the rooftop for a smoke, nobody else up here",
    "gave my old phone to my sister since i won't need it after the upgrade",
    "selling my desk because i won't need it when we move",
    "wrote the letters for everyone before my parental leave",
    "friday is it, the release finally ships",
    "if one more person replies all i'm walking into the ocean lol",
    "the project is over for me at this company, i've been moved to sales",
    "the intake form asked whether i'd ever thought about self-harm and i said no",
    "after my shifts on the suicide hotline i cannot switch off, any tips for volunteers?",
    "tired of living a double life at work where i pretend everything is fine",
    "i can't go on like this at work, the on-call is every other week",
]
# Sixteenth session, in our own words, after halves A of tests/data/crisis_dev_contrast_*.tsv: someone else's death
# named as suicide or overdose, the writer's (or someone else's) past said to be over, a denial in other words, a
# quoted screening question, "here" meaning a job, things given away before a move. Next to each, a message the
# same rule must still let through.
SIXTEENTH_SESSION_POSITIVES = [
    ("my uncle took his life in the spring and now i want to do the same", "crisis"),
    ("since my sister ended her life i keep thinking i should go too", "crisis"),
    ("i got through a rough patch in 2016 and was stable for years, but the old thoughts of killing myself are back",
     "crisis"),
    ("i used to cut myself in college and was fine for a while, but lately i'm cutting myself again", "crisis"),
    ("i had been fine for years until last month. now i think about suicide every day", "crisis"),
    ("i don't want to hurt myself or anything. but i want to die", "crisis"),
    ("the form asks if i've had suicidal thoughts. honestly yes, every night this week", "crisis"),
    ("i don't want to be here anymore", "crisis"),
    ("giving away everything because i won't need it where i'm going", "crisis_urgent"),
    ("my best friend died of an overdose last year and i get why he did it now", "crisis"),
    ("i attempted in 2019. everyone says i'm doing really well now, but i've been planning it again.", "crisis"),
    ("the form asks 'have you ever attempted suicide?' yes, last night.", "crisis"),
    ("my sister ended her life and honestly i wish i had the guts to end mine", "crisis"),
    ("in 2020 i wanted to die. been fine 3 years. the urge to die is back", "crisis"),
    ("i'm giving away all my stuff before the move, the final one, if you know what i mean", "crisis_urgent"),
    # crisis_urgent examples we train on that no pattern caught (data/nlu), in other words
    ("sorry to whoever finds me, i didn't want it to be you", "crisis_urgent"),
    ("i can't promise i'll still be here tomorrow", "crisis_urgent"),
    ("the engine's running and the garage door is shut", "crisis_urgent"),
    ("i'm at the place i picked out for it", "crisis_urgent"),
    ("i'm not sure i can keep myself safe tonight", "crisis_urgent"),
    ("it's the end of the road for me, thank you for listening", "crisis_urgent"),
    ("after the audit nobody will have to worry about me", "crisis_urgent"),
    ("there won't be a tomorrow for me", "crisis_urgent"),
    ("i swallowed the entire bottle", "crisis_urgent"),
    ("ctb this weekend", "crisis_urgent"),
    # crisis examples we train on that no pattern caught (data/nlu), in other words
    ("honestly i'm not safe with my own thoughts tonight", "crisis_urgent"),
    ("i'm scared of myself lately", "crisis"),
    ("how high would a building need to be to not survive", "crisis"),
    ("is there a way that wouldn't look intentional", "crisis"),
    ("i scratched my arms on purpose after the call with my boss", "crisis"),
    ("held a cigarette against my wrist after the shift", "crisis"),
    ("i've been hitting myself to cope with the deadlines", "crisis"),
    ("long sleeves every day so coworkers never see the cuts", "crisis"),
    ("i'd like to go to sleep and just never come back", "crisis"),
    ("a fatal diagnosis would be a blessing at this point", "crisis"),
    ("honestly i just want to be gone", "crisis"),
    ("my husband would be freer without me", "crisis"),
    ("my reasons to stay alive are running out", "crisis"),
    ("it wouldn't be too bad if a bus ran me over on the way in", "crisis"),
    # next to the training-negative false alarms mended (a past in college, a clinician's shifts, hurting a parent
    # by moving, "killing myself with these hours", walking out of the office, "sleep forever lol")
    ("i'm in college and i self harmed again last night", "crisis"),
    ("i'm a paramedic and i keep thinking about overdosing on my own meds", "crisis"),
    ("i want to hurt my dad, he deserves it", "crisis"),
    ("i'm going to kill myself with the pills i have", "crisis_urgent"),
    ("i want to sleep forever", "crisis"),
    ("i'm tired of living like this and i want it all to end for good", "crisis"),
]
SIXTEENTH_SESSION_NEGATIVES = [
    "my uncle took his life in the spring and i still can't concentrate at work",
    "our old manager passed by his own hand two winters ago and nobody at the office mentions him",
    "a friend from my first job died of an accidental overdose, the wake was on friday",
    "her death was ruled an overdose and the team is still in shock",
    "everyone on the floor knows it was suicide, but hr called it sudden",
    "how do i support my staff after a coworker's suicide?",
    "i had a suicide attempt 9 yrs ago. things are good now, i just need help with burnout",
    "tried to end things at 22, i'm 40 now and it's been years since. what does iop intake involve?",
    "back in 2013ish i self harmed a lot. it stopped when i left that relationship",
    "my brother attempted suicide five years ago. he's doing really well now and just got married",
    "my partner used to self harm as a teen. she's thriving, but i never know if i should bring it up",
    "i don't want to hurt myself or anything, i just hate this job",
    "no plans or thoughts of harming myself, just exhausted",
    "my gp asked about suicidal thoughts and i could honestly say none",
    "the insurance form asks 'have you ever attempted suicide?' and i don't know what to tick",
    "i don't want to be here anymore, meaning this company, not life",
    "giving away all my furniture before the move to denver",
    "my grandpa died in march and i want to do the same trip he did across canada",
    "my cousin took his life last year and i don't want to do the same, so i'm asking for help early",
    "whoever finds me a cheaper therapist deserves a medal",
    "can't promise i'll be around for the friday retro",
    "left the car running in the garage for a minute to warm it up, is that bad?",
    "the hose to the exhaust of the dryer came loose",
    "saying goodbye to everything in boston before the move",
    "this is the end of the road for me at this firm, i'm retiring",
    "i ate the whole box of cookies during the deadline",
    "there won't be a bonus for me this year",
    "after friday nobody has to worry about me missing the standups",
    "what does ctb stand for in this contract?",
    "i want to be gone by 5pm on friday",
    "i'm scared of myself on the climbing wall lol",
    "long sleeves at the office so nobody sees my tattoos",
    "the lighter on my desk is for the candles",
    "how long does the build need to not time out",
    "it wouldn't be so bad if the meeting got cancelled",
    "reasons to stay at this company keep getting fewer",
    "i want to fall asleep and never get up before noon on saturdays",
    "had a rough year in college where i self-harmed. that was a decade ago and i haven't done it since",
    "i'm a paramedic, i see overdoses and suicide attempts every shift and i'm numb",
    "i'm worried i'll hurt my dad by moving across the country",
    "i'm killing myself with these hours and my back hurts",
    "my wife keeps worrying i'm in danger. i'm not, i'm just exhausted",
    "i dream of walking out of the office and never coming back",
    "i could sleep forever lol, or at least until monday",
    "so tired of living like this, paycheck to paycheck",
]
PAST_RESOLVED = ("When I was 19 I took an overdose. I got help, I've been in a good place for years, "
                 "and I'm only here because work is wearing me down.")


def test_the_writers_own_resolved_past_is_not_a_crisis_but_a_return_is(detector):
    intent, ranking = faq("iop_for_burnout", 0.8)
    assert run(detector, PAST_RESOLVED, intent, ranking).get("crisis")["matched"] is False
    back = PAST_RESOLVED + " Lately the thoughts are back."
    assert run(detector, back, intent, ranking).get("crisis")["matched"] is True
    # the past said as past, with nothing saying it is behind them, keeps the crisis reply
    told = "When I was 19 I took an overdose. Work is wearing me down."
    assert run(detector, told, intent, ranking).get("crisis")["matched"] is True


def test_someone_elses_death_is_grief_but_a_wish_to_follow_still_fires(detector):
    intent, ranking = faq("iop_for_burnout", 0.8)
    grief = "My brother died by suicide last year."
    assert run(detector, grief, intent, ranking).get("crisis")["matched"] is False
    assert run(detector, grief + " I want to join him.", intent, ranking).get("crisis")["matched"] is True


def test_a_taken_back_threat_is_figurative_but_not_joking_is_not():
    assert detect("i want to choke my coworker. jk obviously")["matched"] is False
    assert detect("i want to choke my coworker and i'm not joking")["matched"] is True


@pytest.mark.parametrize("text,want", SECOND_SESSION_POSITIVES + THIRD_SESSION_POSITIVES + FIFTH_SESSION_POSITIVES
                         + SEVENTH_SESSION_POSITIVES + TENTH_SESSION_POSITIVES
                         + THIRTEENTH_SESSION_POSITIVES + FIFTEENTH_SESSION_POSITIVES + SIXTEENTH_SESSION_POSITIVES,
                         ids=lambda v: str(v)[:40])
def test_later_sessions_wording_fires(detector, text, want):
    intent, ranking = faq()
    msg = run(detector, text, intent, ranking)
    assert msg.get(INTENT)["name"] == want, msg.get("crisis")


@pytest.mark.parametrize("text", SECOND_SESSION_NEGATIVES + THIRD_SESSION_NEGATIVES + FIFTH_SESSION_NEGATIVES
                         + SEVENTH_SESSION_NEGATIVES + TENTH_SESSION_NEGATIVES
                         + THIRTEENTH_SESSION_NEGATIVES + FIFTEENTH_SESSION_NEGATIVES + SIXTEENTH_SESSION_NEGATIVES,
                         ids=lambda v: v[:40])
def test_later_sessions_negatives_do_not_fire(detector, text):
    intent, ranking = faq("iop_for_burnout", 0.8)
    assert run(detector, text, intent, ranking).get("crisis")["matched"] is False


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "😭😭😭", "🙂", "<script>alert('x')</script>", "<b></b>", "&amp;&lt;&gt;",
    "\x00\x01\x02", "a" * 20000, "💀" * 5000, "!" * 20000, "s u i", "*" * 300, "ı̇" * 100,
    "<" * 5000, "die " * 2000, "\u200b" * 100, "١٢٣", "これはテストです"])
def test_bad_input_does_not_crash(detector, text):
    msg = run(detector, text)
    assert "crisis" in msg.as_dict(only_output_properties=True)


def test_non_string_text_does_not_crash(detector):
    msg = Message(data={TEXT: None})
    detector.process([msg])
    assert msg.get("crisis")["matched"] is False
    msg = Message(data={})
    detector.process([msg])
    assert msg.get("crisis")["matched"] is False


def test_html_wrapped_crisis_fires(detector):
    assert run(detector, "<p>I <b>want</b> to <i>die</i></p>").get(INTENT)["name"] == "crisis"


def test_long_message_with_crisis_sentence_at_the_end(detector):
    filler = "My team missed the quarterly target again and I stayed late to fix the slides. "
    ending = " I want to kill myself."
    text = (filler * (20000 // len(filler) + 1))[: 20000 - len(ending)] + ending
    assert len(text) == 20000
    t0 = time.perf_counter()
    msg = run(detector, text, *faq())
    elapsed = time.perf_counter() - t0
    assert msg.get(INTENT)["name"] == "crisis"
    assert elapsed < 2.0, elapsed
    # the same filler alone does not fire
    assert run(detector, text[: -len(ending)]).get("crisis")["matched"] is False


def test_long_message_crisis_at_start_and_urgent_in_middle(detector):
    filler = "Deadlines, meetings, and more meetings. " * 200
    assert run(detector, "i'm not safe. " + filler).get(INTENT)["name"] == "crisis_urgent"
    assert run(detector, filler + "i just took a bunch of pills. " + filler).get(INTENT)["name"] == "crisis_urgent"


def test_matched_text_never_logged(detector, caplog):
    secret = "i want to kill myself tonight with the pills"
    with caplog.at_level(logging.DEBUG):
        run(detector, secret)
    assert "kill myself" not in caplog.text and "pills" not in caplog.text


def test_normalise_undoes_evasion():
    assert "suicide" in normalise("S.U.I.C.I.D.E")
    assert "suicide" in normalise("su1cide")
    assert "kill myself" in normalise("k1ll my self")
    assert "self harm" in normalise("self-harm")
    assert normalise("I ran 5 kms, took 500mg at 10pm") == "i ran 5 kms, took 500mg at 10pm ."
    assert "die" in normalise("dieeeee")
    assert "kill myself" in normalise("k*ll mys*lf") and "cutting" in normalise("c*tting")
    assert normalise("f*ck") == "f*ck ." and normalise("k.m.s.") == "kms ."


def test_pattern_notation():
    assert compile_token_pattern("@want to? die") == [
        {"LEMMA": {"IN": ["want"]}}, {"LOWER": {"IN": ["to"]}, "OP": "?"}, {"LOWER": {"IN": ["die"]}}]
    assert compile_token_pattern("!a|b _") == [{"LOWER": {"NOT_IN": ["a", "b"]}}, {}]
    assert set(expand_phrase("i {was|were} dead")) == {"i was dead", "i were dead"}
    assert "cant go on" in expand_phrase("can't go on") and "cannot go on" in expand_phrase("can't go on")


def test_classifier_crisis_is_vetoed_on_figurative_or_denied_words(detector):
    # sure enough to count (>= threshold) but below the point where the veto gives way
    conf = (detector.threshold + detector.veto_yields_at) / 2
    assert detector.threshold <= conf < detector.veto_yields_at
    intent = {"name": "crisis", "confidence": conf}
    ranking = [intent, {"name": "out_of_scope", "confidence": 0.06}, {"name": "greet", "confidence": 0.04}]
    msg = run(detector, "my laptop died in the middle of the demo", intent, ranking)
    assert msg.get(INTENT) == {"name": "out_of_scope", "confidence": 0.06}
    assert msg.get(INTENT_RANKING_KEY)[0]["name"] == "out_of_scope"
    assert msg.get("crisis")["matched"] is False and msg.get("crisis")["vetoed"] is True

    urgent = {"name": "crisis_urgent", "confidence": conf}
    msg = run(detector, "I'm not going to hurt myself, I just need a break", urgent,
              [urgent, {"name": "crisis_safe", "confidence": 0.02}, {"name": "crisis", "confidence": 0.01}])
    assert msg.get(INTENT)["name"] == "crisis_safe"


def test_veto_gives_way_to_a_very_sure_classifier(detector):
    """A denial followed by a wish the patterns do not know: the masks see only the denial, the
    classifier sees the whole message. At veto_yields_at or above, the classifier wins."""
    text = "i'm not suicidal, i just keep hoping the plane goes down on my next work trip"
    sure = {"name": "crisis", "confidence": detector.veto_yields_at}
    ranking = [sure, {"name": "express_distress", "confidence": 1 - detector.veto_yields_at}]
    assert detect(text) == {"matched": False, "figurative_or_denied": True}  # only the denial is seen
    msg = run(detector, text, sure, ranking)
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    assert msg.get("crisis")["source"] == "classifier"
    below = {"name": "crisis", "confidence": detector.veto_yields_at - 0.01}
    msg = run(detector, text, below, [below, {"name": "express_distress", "confidence": 0.01}])
    assert msg.get("crisis")["matched"] is False and msg.get("crisis")["vetoed"] is True


def test_veto_does_not_apply_when_a_pattern_fires(detector):
    intent = {"name": "crisis", "confidence": 0.9}
    msg = run(detector, "this job is killing me and i want to kill myself", intent, [intent])
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}


def test_matchers_split_by_anchor_find_what_one_matcher_with_every_pattern_finds():
    """The category patterns run in one Matcher per anchor set, only when the message has an anchor
    word; a single Matcher holding every category pattern must find exactly the same matches."""
    from spacy.matcher import Matcher

    import components.crisis_patterns as P
    from components.crisis_detector import ANCHORED_CUES_NAMES, get_engine
    engine = get_engine()
    reference = Matcher(engine.nlp.vocab)
    for name, group in P.CATEGORIES.items():
        if group.get("tokens"):
            reference.add(f"cat:{name}", [compile_token_pattern(s) for s in group["tokens"]])
    for name in ANCHORED_CUES_NAMES:
        reference.add(f"cue:{name}", [compile_token_pattern(s) for s in P.CUES[name]["tokens"]])
    assert len(engine.matchers) > 20 and engine.unanchored is None  # really split, and every pattern anchored
    texts = [r["text"] for r in ROWS] + [
        "can i keep working during iop? i also keep thinking about ending my life",
        "I've been saving my pills and I wrote letters to my kids, I think Friday is the day",
        "how long does the program last and will my boss find out"]
    strings = engine.nlp.vocab.strings
    fired = 0
    for text in texts:
        doc = engine.nlp(normalise(text))
        want = sorted((strings[m], s, e) for m, s, e in reference(doc))
        anchors = engine._candidate_windows(doc)[1]
        assert sorted(engine.category_token_matches(doc, [(0, len(doc))], anchors)) == want, text
        fired += bool(want)
    assert fired > 50


def test_regex_prefilter_reads_leading_words_only_where_safe():
    from components.crisis_detector import required_words
    assert required_words(r"\b(?:want|wish)\s+it") == ("want", "wish")
    assert required_words(r"\bkms+\b") == ("kms",)      # one or more s: "kms" is always there
    assert required_words(r"\bkms?\b") is None          # an optional last letter
    assert required_words(r"\b(?:a|b)?x") is None       # an optional group is not required
    assert required_words(r"\bfoo\b|\bbar\b") is None   # top-level alternation
    assert required_words(r"(?<!x)\bcut again") is None  # does not start with \b


def test_regex_prefilter_changes_no_result():
    """Skipping a regex whose leading words are absent must give exactly what running it gives."""
    engine = get_engine()
    texts = [r["text"] for f in sorted(DEV.parent.glob("crisis_dev*.tsv"))
             for r in csv.DictReader(f.open(encoding="utf-8"), delimiter="\t")]
    assert len(texts) > 2000 and any(needs for _, _, needs in engine.regexes)
    with_filter = [engine.detect(t) for t in texts]
    saved = engine.regexes
    try:
        engine.regexes = [(label, rx, None) for label, rx, _ in saved]
        without = [engine.detect(t) for t in texts]
    finally:
        engine.regexes = saved
    assert with_filter == without

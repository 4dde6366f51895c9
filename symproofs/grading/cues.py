"""What the prose around a displayed equation says it is.

A TA reads an equation differently after "let" (a definition), after "so"
(a consequence of the equation before), after "setting the gradient to
zero" (an equation to solve) and after "show that" (the claim, not a step).
These patterns are matched against the text that leads to the equation.
"""

from __future__ import annotations

import re

from symproofs.latex.claims import unmarked

__all__ = ["ASSUMING", "BRANCH", "CONDITION_MESSAGE", "CONSEQUENCE", "CONTRARY_WORDS", "CUES", "DEFINING",
           "DISPLAY_END",
           "EXPLICIT", "GENERAL", "GOAL_CUES", "INEQUALITY_MESSAGE", "LABEL", "NAMED_MESSAGE", "NAME_LHS",
           "NOT_CLAIMED", "OTHERWISE",
           "PART", "PLAIN_CASE", "PLAIN_FOR", "RETRACTING", "SOLVING", "SYSTEM_MESSAGE", "VALUE_CUES", "VALUE_WORDS",
           "chosen", "consequence", "cue_tail", "declared_right_after", "defines", "general_cue", "general_words",
           "named_equation", "requiring", "retracting", "right_after_display", "since_display", "solving"]

#: a left side that is a name (with scripts or arguments): ``v_t``, ``\\mathbf{w}``, ``f(x)``
NAME_LHS = re.compile(r"^\s*(?:\\(?:boldsymbol|mathbf|bm|vec|hat|widehat|bar|overline|tilde|widetilde|dot|ddot)"
                      r"\s*(?:\{\s*)?)?\\?[A-Za-z]+\s*\}?"
                       r"(?:\s*[_^]\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\\?\w+|\*))*\s*(?:\([^()]*\))?\s*$")
CUES = re.compile(r"(?:where|let|we (?:put|set|take|choose|define|denote|note|write)|choose|define|denote"
                   r"|defined (?:by|as)|given by|is given by|with|:="
                   # "(we) consider a new update rule:", "introduce the new estimate": a name the answer makes
                   r"|(?:consider|introduce)\s+(?:a|the)\s+new(?:\s+[a-z-]+){0,3}"
                   # a name defined anew for what follows: "consider instead", "take now", "from now on", "henceforth"
                   r"|\b(?:consider|take|use)\s+(?:now\s+|then\s+)?instead|\binstead,?\s+(?:consider|take|use)"
                   r"|\b(?:consider|take)\s+now|from\s+now\s+on|from\s+here\s+on|henceforth|hereafter"
                   r"|(?:in\s+)?what\s+follows)\W*$", re.I)
#: a label before a sentence: "**(a)**", "(ii)", "1.", "*Case 2:*", "**Proof.**", "- ", "\item" (optional)
LABEL = (r"(?:(?:[-+>]\s+)?(?:\*\*|__|\*|_)?\s*(?:\([a-z0-9]+\)|[a-z0-9]{1,3}[.)]|\\item\b|(?:part|claim|step|question"
         r"|answer|proof|solution|(?:sub)?case)\s*[a-z0-9.]*\s*[.:)]?)\s*(?:\*\*|__|\*|_)?\s+)?")
#: a relation written in plain text, not math, ahead: "a<0", "x >= 1", "n \ge 2"
_PLAIN_RELATION = (r"(?=\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*(?:<=?|>=?|=|\u2264|\u2265|\u2260|\\(?:[lg]eq?|neq?)(?![A-Za-z]))"
                   r"\s*[-\w\\(])")
#: "for" or a case heading before such a relation: "for a<0", "for all x >= 1", "**Case 1:** x > 0"
PLAIN_FOR = (rf"(?:for\s+(?:all\s+|every\s+|each\s+|any\s+)?|(?:\*\*|__|\*|_)?(?:sub)?case\s*\(?[a-z0-9]{{0,3}}\)?"
             rf"\s*[:.)]?\s*(?:\*\*|__|\*|_)?\s*){_PLAIN_RELATION}")
#: a case heading with a relation in plain text, a sentence of its own before a display: "Case 1: x > 0. Then"
PLAIN_CASE = re.compile(rf"(?:^|\n|[.!?]\s)[\s*_#>-]*(?:sub)?case\s*\(?[a-z0-9]{{0,3}}\)?\s*[:.)]\s*(?:\*\*|__|\*|_)?"
                        rf"\s*{_PLAIN_RELATION}[^.;$\n]*[.;:,]?(?:\s*(?:then|so|hence|thus|we\s+(?:have|get))\b)*\W*$",
                        re.I)
#: words that make a supposition one made to reach a contradiction: "for contradiction", "for the sake of
#: contradiction", "towards a contradiction", "to the contrary", "by contradiction", "ad absurdum"
CONTRARY_WORDS = (r"(?:for|towards?|seeking)\s+(?:an?\s+|the\s+sake\s+of\s+(?:an?\s+)?)?contradiction"
                  r"|to\s+the\s+contrary|by\s+(?:way\s+of\s+)?contradiction|(?:per|ad)\s+absurdum")
#: words that make what follows a hypothesis: "assume", "suppose", "if", "for all", "whenever", "case"
ASSUMING = re.compile(r"(?:\b(?:(?:assum|suppos)\w*(?:,?\s+(?:now|again|instead|further|also|here|moreover|for now"
                      rf"|furthermore|in addition|{CONTRARY_WORDS}),?)?(?:\s+that)?"
                      r"|if(?:\s+(?:moreover|furthermore|also|now|instead|in addition))?|given(?:\s+that)?"
                      r"|for (?:all|every|each|any)(?:\s+(?:strictly\s+)?(?:positive|negative|non-?negative))?"
                      r"(?:\s+(?:integers?|reals?|real\s+numbers?|natural\s+numbers?))?"
                      r"|whenever|when|provided(?:\s+that)?"
                      # "**Case (ii):** $z < 0$", "Base case, $t = 1$:" (its arithmetic is still checked: plan.py)
                      r"|(?:sub)?case(?:\s*\(?(?:\d+|[ivx]+|[a-d])\)?)?)|\\forall)\W*$", re.I)
#: the words before a branch of the text ("if", "when", "for", a case heading): what "otherwise" sets aside
BRANCH = re.compile(r"\b(?:if|when|whenever|for|(?:sub)?case(?:\s*\(?[a-z0-9]+\)?)?)\W*$", re.I)
#: words that define the name after them explicitly, for the rest of the question ("let", "we set", "we fix the
#: step size", "define", "denote"): a definition, not a value the answer finds ("we get", "so")
EXPLICIT = re.compile(r"(?:\blet|(?:\b(?:we|i|us|now|first|then|and)\s+|^\s*|[.;:)\]\n]\s*)"
                      # after a label or a list marker too: "**Solution.** Set", "*Answer:* Fix", "(a) Set", "- Set"
                      r"(?:(?:\*\*|__|\*|_|\#+|>|[-+])\s*)*"
                      r"(?:set|fix|choose|define|denote|put|write))(?:\s+(?:the|our|its|a|an)(?:\s+[A-Za-z-]+){1,3}?)?"
                      r"(?:\s+(?:to\s+be|to|as|be|by|equal\s+to))?\W*$", re.I)
#: words that draw a consequence from the equation before (``so``, ``hence``, ``we get``, ``\implies``), or
#: restate it (``i.e.``, ``that is``, ``equivalently``, ``namely``): what follows must follow from it
CONSEQUENCE = re.compile(r"(?:\b(?:so|hence|thus|therefore|then|gives?|giving|yields?|we (?:get|obtain|find|have)"
                          r"|consequently|whence|i\.\s?e|that is|equivalently|in other words|meaning|which means"
                          r"|namely|in particular|as a (?:result|consequence)|it follows(?: that)?)"
                          r"|\\(?:implies|Rightarrow|Longrightarrow|therefore))\W*$", re.I)
#: words that make the next equation one to solve: "setting the gradient to zero", "equating", ...
SOLVING = re.compile(r"(?:\bset(?:ting)?\b[^.$]{0,60}\b(?:to\s+)?(?:zero|0)\b|\bequat(?:e|ing)\b|\bsolv(?:e|ing)\b"
                      r"|\bstationary\b|\bcritical point|\bfirst[- ]order condition|\boptimality condition)"
                      r"(?:[^.$]|\$[^$.]{1,30}\$)*$", re.I)  # "solving for $x$:" names the unknown in math
#: words that take a value of a name for what follows ("substituting $x = 2$", "for instance with $x = 0$")
_TAKING = (r"substitut\w*|put(?:ting)?|set(?:ting)?|tak(?:e|ing)|us(?:e|ing)|consider\w*|choos\w*|pick\w*"
           r"|for (?:instance|example)|e\.g\.|wlog|without loss of generality|in the (?:special )?case|special case"
           r"|restrict\w*(?: attention)?(?: to)?|speciali[sz]\w*(?: to)?|in particular")
#: those words just before a value, or "at", "for" opening a sentence or after "now", "and", ...
VALUE_CUES = re.compile(rf"(?:\b(?:{_TAKING}|plug\w*(?:\s+in(?:to)?)?|i\.e\.|with(?:\s+[a-z][\w-]*){{0,2}}|let)"
                        r"|(?:^|[.,;:()\]*\n])\s*(?:at|for)|\b(?:now|and|but|whereas|while|then)\s+(?:at|for))\W*$",
                        re.I)  # "(b) For", "**Claim.** For": after a label too
#: the same words anywhere in a sentence ("take the usual decay $$\beta = 1/2$$")
VALUE_WORDS = re.compile(rf"\b(?:{_TAKING}|plug\w*|let|suppos\w*|assum\w*)\b", re.I)
#: words that end the cases taken so far ("now the general case", "in general", "$x$ is arbitrary",
#: "we drop this assumption")
GENERAL = re.compile(r"\b(?:in general|general case|in every case|in all cases|induct\w* step|step of the induction"
                     r"|for (?:all|every|any) (?:values?|cases?)|(?:is|are|be|now)\s+(?:now\s+)?(?:an?\s+)?arbitrary"
                     r"|(?<=\$\s)arbitrary|(?<=\$)arbitrary|for\s+(?:an?\s+)?(?:arbitrary|any)\s+(?:function|value)s?"
                     r"|(?:is|be)\s+any\s+function|\b(?:take|for|consider|let)\s+(?:an?\s+)?(?:any|arbitrary)\s+(?:real\s+)?\$"
                     r"|(?:drop|lift|remove|without)\w*\s+(?:the|this|that|these|those)\s+assumptions?)\b", re.I)
#: words that open the other case: "otherwise", "else", "in the other case", "if not", "in the remaining case",
#: "in all other cases", "for the opposite sign", "the opposite sign", "in the complementary case" (opening a clause
#: or a parenthesis, "Case 2 (otherwise):"; not "and nothing else"), then "then", "so", "we get" after any punctuation
OTHERWISE = re.compile(r"(?:^|[.,;:!?*#(\n])\s*(?:(?:and\s+|now\s+|finally,?\s+)?(?:otherwise|else|if not"
                       r"|(?:(?:in|for)\s+)?(?:the|all(?:\s+the)?|any)\s+(?:other|remaining|opposite|complementary|converse|"
                       r"leftover)\s+(?:cases?|signs?|branch(?:es)?|values?|possibilit(?:y|ies))"
                       r"|in\s+(?:all|any)\s+other\s+cases?|(?:in|for)\s+the\s+rest|(?:(?:for|with)\s+)?the\s+"
                       r"(?:opposite|other)\s+sign))"
                       r"(?:\W*(?:then|so|hence|thus|we\s+(?:get|have|obtain|find)|one\s+(?:gets|has)))?\W*$", re.I)
DISPLAY_END = re.compile(r"\\\]|\$\$|\\end\{[^{}]*\}")
#: words right before a row that take it back: "the following claim is false:", "suppose for
#: contradiction that", "a common mistake is to write", "it is not true that", a sentence "Not":
#: what follows is not claimed to hold (words that go on after them leave the row a claim)
RETRACTING = re.compile(
    r"(?:\b(?:the\s+following|this|these|the\s+next)\s+(?:claims?|statements?|equations?|identit(?:y|ies)"
    r"|equalit(?:y|ies)|steps?|lines?|formulas?)\s+(?:is|are)\s+(?:false|wrong|incorrect|not\s+true)"
    r"|\bcommon\s+(?:mistake|error|pitfall)\s+(?:is|would\s+be)(?:\s+to\s+(?:write|claim|assume|think)(?:\s+that)?)?"
    r"|\bit\s+is\s+(?:not\s+true|false|wrong|incorrect)\s+that|(?:^|[.!?;]\s*)not"
    # "One cannot conclude that", "we may not write", "**Wrong:**", "Incorrect:" (emphasis read through: retracting)
    r"|\b(?:cannot|can't|can\s+not|could\s+not|may\s+not|must\s+not|should\s+not)\s+(?:\w+ly\s+)?(?:conclude"
    r"|write|say|claim|deduce|infer|assume|state|simplify|get|obtain)(?:\s+(?:that|to))?"
    r"|(?:^|[.!?;:)\n]\s*)\(?(?:wrong|incorrect|false|invalid|not\s+true)\)?\s*[:.!]"
    # "for $x < 0$ the identity fails:", "this does not hold:"
    r"|\b(?:fails|does\s+not\s+hold|do\s+not\s+hold|is\s+(?:false|wrong|not\s+true)|breaks\s+down)\s*:)\W*$"
    r"|\bfor\s+(?:a\s+|the\s+sake\s+of\s+)?contradiction\b[^.$]*$", re.I)


def retracting(lead: str) -> bool:
    """Whether the words right before a row take it back (:data:`RETRACTING`),
    read through emphasis markup: "It is *not* true that", "**Wrong:**",
    ``\\emph{cannot} conclude that``."""
    return RETRACTING.search(unmarked(lead[-160:])) is not None


#: why a row is not a claim: the words before it take it back (False), or its sentence asks or denies it (True)
NOT_CLAIMED = {False: "the text before it says it does not hold, or supposes it only to reach a contradiction "
                      "(not checked)",
               True: "a question, or a statement the text around it denies (its falsity is what the student says): "
                     "not a claim (not checked)"}
#: why an equation the words before it name ("the equation $$x^2 + a = 0$$ has two roots") is not checked
NAMED_MESSAGE = ("an equation the text names (what it says of its solutions is in words), not a claim that it holds "
                 "(not checked)")
GOAL_CUES = re.compile(r"(?:show|prove|verify|check) (?:that|the)\b[^.$]*$|satisf(?:y|ies)\W*$", re.I)


def consequence(lead: str, also: re.Pattern[str] | None = None) -> bool:
    """Whether ``lead`` ends by drawing a consequence (spacing, ``\\text`` and
    braces aside): with the words of :data:`CONSEQUENCE`, or of ``also``."""
    plain = re.sub(r"\\(?:quad|qquad|text|textrm|mathrm|mbox|[,;:! ])(?![A-Za-z])|[{}&]", " ", lead[-80:])
    return CONSEQUENCE.search(plain) is not None or (also is not None and also.search(plain) is not None)


#: words that name the display after them an equation, the object of the sentence ("the equation $$x^2 + a =
#: 0$$ has two real roots", "consider the quadratic equation"): not a claim that it holds
_NAMED_EQUATION = re.compile(r"\b(?:the|an?|this|our|each|every)\s+(?:[a-z-]+\s+){0,2}equations?\s*:?\s*$", re.I)


def named_equation(lead: str) -> bool:
    """Whether the words right before a display name it an equation ("the
    equation", "a quadratic equation"): what the sentence says of it (its
    roots, its solutions), not that it holds for every value."""
    return _NAMED_EQUATION.search(lead[-80:]) is not None


#: words that make a relation a requirement the answer sets ("we want zero mean, so", "must integrate to one:",
#: "we choose the scale so that", "to normalize"), not a claim that it holds
_REQUIRING = re.compile(r"\b(?:want|wants|need|needs|requires?|required|requiring|must|has to|have to"
                        r"|so that|in order (?:to|that)|choos(?:e|ing)|chosen|we set|ensur\w*|impos\w*"
                        r"|enforc\w*|normali[sz]\w*)\b", re.I)
#: a requirement denied ("we need not", "it does not have to", "no need"): no requirement
_DENIED = re.compile(r"\b(?:need|must|want|required?|has to|have to)\s+not\b|\b(?:not|n't|never|no)\s+(?:\w+\s+)?"
                     r"(?:need|want|require|must|have to|has to)", re.I)
#: words that make it a claim after all ("we need to show that", "we want to compute")
_SHOWING = re.compile(r"\b(?:show|prove|verify|check|establish|compute|calculate|evaluate|derive|recall|note)\w*",
                      re.I)
#: where a sentence ends, outside math (displays and text math set aside), or an item or a heading starts
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*(?:#|\d+[.)]\s|\([a-z0-9]+\)\s|[-*]\s)")
#: the words after a display that go on with the same requirement: "$$...$$ and unit variance:"
_AND = re.compile(r"\s*(?:and|as well as|plus|also)\b(?!.*\b(?:so|hence|thus|therefore|then|gives?|get|obtain)\b)",
                  re.I | re.S)


def requiring(lead: str) -> bool:
    """Whether the sentence a display ends states a requirement the
    display's last relation sets, not a claim: in the words since the last
    display, or before it in the same sentence when the words after it only
    go on ("we want zero mean, so $$...$$ and unit variance:")."""
    words = re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{.*?\\end\{[^{}]*\}", " \x00 ", lead[-400:], flags=re.S)
    words = re.sub(r"\$[^$]*\$", " M ", words)
    sentence = _SENTENCE_END.split(words)[-1]
    pieces = sentence.split("\x00")
    if len(pieces) > 1 and not _AND.match(pieces[-1]):
        sentence = pieces[-1]
    return _REQUIRING.search(sentence) is not None and _SHOWING.search(sentence) is None \
        and _DENIED.search(sentence) is None


def solving(lead: str) -> bool:
    """Whether the prose since the last display sets up an equation to solve."""
    return SOLVING.search(since_display(lead[-120:])) is not None


def right_after_display(lead: str) -> bool:
    """Whether the text math this lead introduces comes right after a display,
    with only "where", "with", "for", "at", "when" or "if" between them, and
    text maths joined to the first by "and" or commas."""
    between = DISPLAY_END.split(lead)  # (and the text maths joined to the first: "where $n = 10$ and $m = 3$")
    return len(between) > 1 and re.fullmatch(r"\W*(?:where|with|for|at|when|if)\W*", _JOINED_MATH.sub(
        "", between[-1]), re.I) is not None


#: the words between math and a declaration of its names' kind that state the math for them: "for every integer",
#: "for all natural numbers", "where" ("where $n$ is a positive integer"), "for" ("for $n \in \mathbb{N}$")
_DECLARED_FOR = re.compile(r"[\s,]*(?:(?:which|this|that|it)\s+(?:holds?|is\s+(?:true|valid))\s+)?"
                           r"(?:for(?:\s+(?:all|every|each|any))?|where|when(?:ever)?|if|provided(?:\s+that)?"
                           r"|assuming(?:\s+that)?)(?:\s+(?:strictly\s+)?(?:positive|non-?negative))?"
                           r"(?:\s+(?:integers?|natural\s+numbers?|whole\s+numbers?))?\s*", re.I)


def declared_right_after(lead: str) -> bool:
    r"""Whether a declaration of the kind of number names are ("for every
    integer $n$", "where $n$ is a positive integer", "for $n \in
    \mathbb{N}$") with this lead states it for the math right before it in
    the same sentence (text math, or a display): only the words of
    :data:`_DECLARED_FOR` stand between them."""
    before, dollar, after = lead.rpartition("$")
    return bool(dollar) and bool(before.strip()) and _DECLARED_FOR.fullmatch(after) is not None


#: relations that define their left side (never checked)
DEFINING = frozenset({":=", "\\coloneqq", "\\triangleq", "\\eqqcolon", "\\equiv"})
CONDITION_MESSAGE = ("an equation in one unknown with a number on one side: a condition the answer works with, "
                     "not an identity (not checked)")
SYSTEM_MESSAGE = "one equation of a system written on one row, which holds as a whole (not checked)"
INEQUALITY_MESSAGE = ("an inequality in one unknown with a number on one side: a condition the answer works with, "
                      "not an identity (not checked)")

_JOINED_MATH = re.compile(r"(?:\$[^$]{0,400}\$\s*(?:[,;]\s*(?:and\b)?|\band\b)\s*)+$", re.I)


def cue_tail(lead: str, size: int = 40) -> str:
    """The last ``size`` characters of the words before a text math, past the
    text maths joined to it by "and", commas or ", and": "let $a = 2$ and
    $b = 3$" is "let" for both."""
    return _JOINED_MATH.sub("", lead)[-size:]


#: "take" opening its sentence, after a label too ("**Solution.** Take $n = 10$.")
_TAKE = re.compile(r"(?:^|[.;:!?)\]\n]\s*)(?:(?:\*\*|__|\*|_|\#+|>|[-+])\s*)*take\W*$", re.I)


def defines(lead: str) -> bool:
    """Whether the words before a text math give the name it opens with its
    value: "let", "where", "with", "define" (:data:`CUES`); "set", "fix",
    "choose" or "take" opening the sentence, also after a label or a list
    marker ("**Solution.** Set $n = 10$.", "(a) Fix", "- Take"). Whether it
    is then the student's definition or a case the text takes (a value for a
    name the question has) is for the setting to say."""
    tail = cue_tail(lead)
    return CUES.search(tail) is not None or EXPLICIT.search(cue_tail(lead, 60)) is not None \
        or _TAKE.search(tail) is not None

#: a label that opens a part of an answer at the start of a line: "**(b)**", "(ii)", "b)", "\item", "Part 2"
PART = re.compile(r"(?m)^\s*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?\s*(?:\((?:[a-h]|i{1,3}|iv|vi{0,3}|ix|x|[1-9])\)"
                  r"|(?:[a-h]|[1-9])\)|\\item\b|(?:part|question)\s+[a-z0-9]+\b)", re.I)


def since_display(lead: str) -> str:
    """The words of ``lead`` after the last display that ends in it."""
    return DISPLAY_END.split(lead)[-1]


#: text math that states a relation or a domain (``$t > 0$``, ``$t \\in (0, \\infty)$``), not a bare name (``$t$``)
_CASE_MATH = re.compile(r"\$[^$]*(?:[=<>]|\\(?:[lg]eq?(?:slant)?|[lg]t|neq?|in|notin)(?![A-Za-z]))[^$]*\$")
#: the cues that end the cases as such ("in general", "the induction step"); the others quantify a name
_ENDING = re.compile(r"in general|general case|induct|step of the induction|drop|lift|remove|without", re.I)
#: where a sentence ends, outside math
_MATH_OR_END = re.compile(r"\$[^$]*\$|[.!?;](?=\s|$)|\n\s*\n")


def _sentence_from(words: str) -> str:
    """``words`` up to the end of their first sentence (a period in math is no end)."""
    for m in _MATH_OR_END.finditer(words):
        if not m.group().startswith("$"):
            return words[:m.start()]
    return words


def _sentence_start(words: str, at: int) -> int:
    """Where the sentence of ``words`` that holds position ``at`` starts."""
    return max((m.end() for m in _MATH_OR_END.finditer(words, 0, at) if not m.group().startswith("$")), default=0)


def _math_at(cue: re.Match[str]) -> int:
    """Where the words after ``cue`` start: at the dollar it ends with ("take any $"), if it does."""
    return cue.end() - 1 if cue.group().endswith("$") else cue.end()


def _quantifies_a_case(words: str, cue: re.Match[str]) -> bool:
    """Whether the math a quantifier cue speaks of is a relation or a domain:
    "for any $t > 0$", "for every value $t > 0$", "in all cases with $t >
    0$" (the math right after it), "let $t > 0$ be arbitrary", "$t \\ge 0$
    arbitrary" (the math right before it), "let $t$ be an arbitrary positive
    number" (a sign in words). Such a quantifier takes a case."""
    if _ENDING.match(cue.group()):
        return False
    after = re.match(r"(?:\s*(?:of|with|where|such\s+that|in\s+which|real|numbers?|values?),?)*\s*(\$[^$]*\$)",
                     words[_math_at(cue):], re.I)
    before = re.search(r"(\$[^$]*\$)\s*(?:(?:be|is|are|now|and|,)\s*){0,3}$", words[:cue.start()], re.I)
    signed = re.match(r"\s*(?:strictly\s+)?(?:positive|negative|non-?\s*(?:negative|positive))\b",
                      words[cue.end():], re.I)
    return signed is not None or any(m is not None and _CASE_MATH.fullmatch(m.group(1)) for m in (after, before))


def general_cue(lead: str, ahead: str = "") -> str | None:
    """The words since the last display from the start of the sentence of
    the last cue in them that ends the cases and values taken before ("in
    general", "the general case", "$f$ arbitrary", "take any real $x$");
    None if there is none, or each is denied ("does not hold in general").
    A quantifier whose own math is a relation or a domain ("for any $t >
    0$", "let $t > 0$ be arbitrary") takes that case and ends nothing; and
    a cue followed by a case in its sentence ("in general, for $x > 0$,")
    ended the cases when that case was read, so the case stands. ``ahead``
    is the text math the lead introduces, if it is one (`` $t > 0$``)."""
    words = since_display(lead[-300:]) + ahead
    read = len(words) - len(ahead)  # the words read before the math at hand
    found = [m for m in GENERAL.finditer(words)
             if not re.search(r"\bnot\b[^.$]{0,30}$|n't\b[^.$]{0,30}$", words[:m.start()])
             and not _quantifies_a_case(words, m)
             and not _CASE_MATH.search(_sentence_from(words[_math_at(m):read]))]
    return words[_sentence_start(words, found[-1].start()):read] if found else None


def general_words(lead: str, ahead: str = "") -> bool:
    """Whether the words since the last display end the cases and values
    taken before (:func:`general_cue`)."""
    return general_cue(lead, ahead) is not None


#: the last sentence before a display that chooses a name with a condition ("we pick $\\eta$ with", "choose
#: $\\epsilon$ such that", "let $\\epsilon > 0$ be small enough that", "take the learning rate $\\eta$ small, say")
_CHOOSING = re.compile(r"\b(?:pick|choose|take|let|set|fix|assume|suppose|select)\w*\b(?P<rest>[^.;!?]*)$", re.I)
_CHOICE_END = re.compile(r"\b(?:with|(?:such|so)\s+that|(?:small|large|big)\s+enough(?:\s+(?:so\s+)?that)?|say"
                         r"|satisfying)\W*$", re.I)
#: text math that holds a name alone or under an order condition (``$\\eta$``, ``$\\epsilon > 0$``), never a value
_CHOSEN_MATH = re.compile(r"\$\s*\\?([A-Za-z]+(?:_\{?\w+\}?)?)\s*(?:(?:[<>]|\\[lg]eq?\b)[^$=]*)?\$")


def chosen(lead: str) -> frozenset[str]:
    """The names the words right before a display choose, marked ``<`` (``<eta``): the display is the condition
    the text sets on them (a choice, never a claim to refute)."""
    words = since_display(lead)
    m = _CHOOSING.search(re.sub(r"\$[^$]*\$", lambda x: x.group().replace(".", " "), words))
    if m is None or _CHOICE_END.search(words) is None:
        return frozenset()
    return frozenset("<" + n.group(1).replace("{", "").replace("}", "") for n in _CHOSEN_MATH.finditer(
        words[m.start("rest"):]))

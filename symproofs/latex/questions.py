r"""Which question each part of a submission answers.

A whole assignment comes as one document; its notation differs from one
question to the next (``\beta`` is a bound in one question, a decay rate in
another). :func:`split_questions` cuts the text into :class:`Part` s, each
tagged with a question (``"3"``) or a sub-question (``"3.2"``), and tells
the problem statements (quoted in the document) from the answers.

The default rule, line by line (a marker stands at the start of a line, after
optional Markdown ``#`` and ``**``, LaTeX sectioning commands and ``\textbf``; without
them it must start a paragraph or a sentence (or follow a line too short for wrapped
prose) and not run on with a comma or a word, so that prose wrapped before "Q3, which
..." or "Exercise 1's notation" switches nothing):

* ``Answer 3``, ``Solution 3``, ``Answer to Q3``: the answer to question 3 (the word
  and the number may stand apart or together, with a sign: ``Answer3``, ``Q 3``, ``Q.3``,
  ``Question #3``, ``Answer No. 3``; the number in digits or Roman numerals: ``Question IV``,
  ``Part ii``, unless it reads as a name, ``Answer: V = 3``; abbreviated or in French:
  ``Ans. 3``, ``Sol. 3``, ``Soln. 3``, ``Réponse 3``, ``Réponse à la question 3``); a letter after the number
  names a sub-question at once (``Answer 2 (b)``, ``2.(a)``, ``**2 b)**``: 2.2, 2.1, where the
  notation names it, else the question);
* ``Question 3``, ``Problem 3``, ``Exercise 3``, ``Task 3``, ``Part 3`` (``Prob. 3``, ``Ex. 3``,
  ``Problème 3``, ``Exercice 3``, ``Partie 3``): the statement
  of question 3 up to the next marker (its answer label) when the document also has an
  answer marker for 3 and that text derives nothing (:func:`derives`: a quoted
  statement states, work before a final-answer label is the answer), else its answer;
* ``\section{Q3}``, ``\section{Question 3}``, ``\subsection{3.2}``,
  ``Q3.2``, ``Q3``: the answer to question 3 (sub-question 3.2);
* a Markdown heading ``## 3.``, ``## 3)``, ``## (3)`` or ``## 3.2``, a bold number
  ``**3.**`` no answer counts as its item, a sub-question in full set apart
  (``\paragraph{3.2}``, ``\textbf{3.2}``, ``**3.2**``, ``3.2)``): the answer to 3 (3.2);
* a label with no number, set apart (``**Problem.**``, ``\textbf{Question:}``,
  ``\paragraph{Exercise}``) right before a ``Solution.`` or ``Answer.``
  label, after a numbered marker: the statement of that marker's question,
  the second label opening its answer (before any numbered marker such
  labels open no part). ``Problem 3`` right before a ``Solution.`` label
  states question 3 too;
* inside an answer, its parts counting up: numbered items at the start of a line
  (``1.``, ``2)``, ``**3.**``, also right after the answer's marker: ``**Answer 3.**
  1. For ...``) open sub-question ``3.1``, ``3.2``, ...; without them, lettered parts
  (``(a)``, ``**(b)**``, ``\subsection*{(c)}``, ``Part (d)``: the n-th letter the n-th
  sub-question; ``(i)``, ``(ii)`` in Roman too),
  else the ``\item`` s of an enumerate, these two only where the notation names the
  sub-question (else they stay in the question). A numbered item (also ``\item[2.]``) is the
  sub-question its label names, whatever came before it ("2." first, for an answer to part 2
  alone), and each must name a later one than the item before it, so a numbered list that
  restarts is not taken for one (a bold ``**2.**`` with no item before it is question 2);
* ``Part 2`` inside a question (after its marker, and no heading as high as the marker's):
  its sub-question 2 (``#### Answer 1.`` then ``**Part 2.**``: 1.2); a document whose first
  marker is a part has parts for questions.

In the ``exam`` class, the ``\question`` s of ``\begin{questions}`` are numbered as
LaTeX numbers them, in order and by the counters the student sets, and their ``\part`` s
are sub-questions (:mod:`symproofs.latex.examclass`). No marker stands in display math or
in what the exam class maps (:class:`_Hidden`).

A number inside an answer switches the question only in an unambiguous form
(:mod:`symproofs.latex.switches`); one that may open another question opens a part of
question :data:`UNCLEAR`, whose lines are graded under no question's notation.

Text before the first marker belongs to no question. A notation file may
replace the rule by its own patterns (``[assignment] answer = '...'`` and
``statement = '...'``, Python regular expressions with a group named ``q``
and optionally one named ``sub``), matched at line starts under the same
guard against prose. :func:`mapping_notes` says what a TA should check of the
mapping.

>>> text = "Question 1. Show x.\n\n**Answer 1.** 1. Easy.\n2. Also.\n\n## Answer 2\nDone."
>>> [(p.question, p.statement) for p in split_questions(text)]
[('1', True), ('1', False), ('1.1', False), ('1.2', False), ('2', False)]
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass

from symproofs.core.errors import InputError
from symproofs.latex.examclass import exam_cuts, exam_spans
from symproofs.latex.headings import plain, unplaced
from symproofs.latex.switches import UNCLEAR, Decision, Marker, settle

__all__ = ["UNCLEAR", "Part", "derives", "mapping_notes", "split_questions"]

_LEAD = r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__|\*(?=\S)|_(?=[A-Za-z]))?[ \t]*"
_SECTION = r"\\(?:sub){0,2}section\*?\{\s*"
#: a statement's words, in English and French, spelled out or abbreviated, with or without the accent (also
#: written in TeX, ``Probl\`eme``): "Problème 4", "Exercice 4", "Prob. 4"
_STATEMENT_WORDS = r"Question|Problem|Exercise|Probl(?:è|\\`\{?e\}?|e)me|Exercice|Prob\."
#: an answer's: "Réponse 4", "Ans 4", "Ans. 4", "Sol. 4", "Soln. 4"
_ANSWER_WORDS = r"Answer|Solution|R(?:é|\\'\{?e\}?|e)ponse|Ans\.?|Soln?\."
#: the words of a numbered marker: a statement's ("Task 2", "Part 2" and "Ex. 2" as "Exercise 2") or an answer's
_QUESTION_WORDS = rf"{_STATEMENT_WORDS}|Task|Part|Partie|Ex\."
#: what joins an answer's word to the question's: "Answer to Q3", "Réponse à la question 3", "Réponse au problème 3"
_TO = r"(?:to|for|of|(?:à|a|de)[ \t]+la|(?:à|a|de)[ \t]+l'|au|du)"
#: between the word and its number: "Question #2", "Answer No. 2", "Answer:2", "Answer2"
_NUMBER_SIGN = r"[ \t]*(?:[:#][ \t]*|No\.?[ \t]*|n°[ \t]*)?"
#: a LaTeX emphasis a label may stand in: ``\textbf{Problem 3.}``, ``\noindent\textbf{Solution.}``
_EMPHASIS = r"(?:\\noindent\s*)?(?:\\(?:textbf|textit|emph|textsc|underline|paragraph\*?|subparagraph\*?)\s*\{\s*)?"
#: a question number in Roman numerals, in one case: "Question IV", "Part ii" (checked by :func:`_value`)
_ROMAN = r"(?-i:[IVX]{1,6}|[ivx]{1,6})(?![\w])"
#: a lettered (or Roman) part after a question's number: "Answer 2 (a)", "2(b)", "2.(c)", "2 b)", "Answer 2b."
_SUB_LETTER = (r"[ \t]*\.?[ \t]*(?:\((?P<la>[a-h]|(?-i:[ivx]{1,4}))\)|(?P<lb>[a-h])\)"
               r"|(?P<lc>[a-h])(?=[ \t]*(?:[.:)}]|\*\*|__|$)))")
_MARKERS = re.compile(
    # (an answer's word, then "to", or a sign before a question's: "Answer (Q4)", "Answer — Question 4")
    rf"{_LEAD}(?:{_SECTION})?{_EMPHASIS}(?:(?P<to>{_ANSWER_WORDS})(?:[ \t]+{_TO}[ \t]*(?:{_QUESTION_WORDS}|Q)"
    rf"|[ \t]*[(\[–—:-][ \t]*(?:{_STATEMENT_WORDS}|Q))"
    rf"{_NUMBER_SIGN}|(?P<word>{_QUESTION_WORDS}|{_ANSWER_WORDS}){_NUMBER_SIGN})(?P<q>\d{{1,2}}|{_ROMAN})"
    r"(?:\.(?P<sub>\d{1,2})(?!\d))?(?!\d)"
    rf"|{_LEAD}(?:{_SECTION})?{_EMPHASIS}Q\.?[ \t]?(?P<q2>\d{{1,2}})(?:\.(?P<sub2>\d{{1,2}}))?(?![\w])"
    # (a number in digits may come before a title: "\section*{4. Weight normalization}")
    rf"|^[ \t]*{_SECTION}(?P<q3>\d{{1,2}}|{_ROMAN})(?:\.(?P<sub3>\d{{1,2}}))?"
    r"(?:\s*\}|(?<=\d)[.):]?[ \t]+(?=[A-Za-z\\]))"
    r"|^[ \t]*#{1,6}[ \t]+\(?(?P<q4>\d{1,2})(?:\.(?P<sub4>\d{1,2}))?(?!\d)\)?[.)]?(?:[ \t]+(?=\D)|[ \t]*$)"
    # a sub-question named in full, set apart: \paragraph{3.2}, \textbf{3.2}, **3.2**, "3.2)" opening a line
    # (and, in its question only, "1.2. Text", "*1.2*", "**(1.2)**": see _loose)
    r"|^[ \t]*(?P<open5>\\(?:paragraph|subparagraph|textbf|textit|emph)\*?\{\s*|\*\*|__|\*|_)?"
    r"\(?(?P<q5>\d{1,2})\.(?P<sub5>\d{1,2})"
    r"(?:(?(open5)[ \t]*[.)]?[ \t]*(?:\}|\*\*|__|\*|_)|(?!))|\)|\.(?=[ \t]+\S|[ \t]*$))"
    # a number and a lettered part set apart or opening a line: "2.(a)", "**2 b)**", "\subsection{2(b)}"
    rf"|^[ \t]*(?:#{{1,6}}[ \t]*)?(?:{_SECTION}|\\(?:paragraph|subparagraph|textbf)\*?\{{\s*|\*\*|__)?"
    rf"(?P<q6>\d{{1,2}})(?={_SUB_LETTER})"
    # a heading whose title comes first: "## Weight normalization (Question 4)", "\section*{Title -- Q4}"
    rf"|^[ \t]*(?:#{{1,6}}[ \t]+|{_SECTION})[^\n(){{}}$#\[\]]{{1,60}}?[(\[–—:-][ \t]*"
    rf"(?P<word7>{_QUESTION_WORDS}|{_ANSWER_WORDS}|Q\.?){_NUMBER_SIGN}(?P<q7>\d{{1,2}})(?:\.(?P<sub7>\d{{1,2}}))?"
    r"[ \t]*[)\]]?[ \t]*(?:\}|$)",
    re.M | re.I,
)
#: a bold number opening a line, "**2.**", "**2)**", "**(2)**": a question where no answer counts it as its item
_BOLD_NUMBER = re.compile(r"^[ \t]*(?:\*\*|__|\\textbf\{)\(?(?P<q>\d{1,2})[.)]\)?[ \t]*(?:\*\*|__|\})", re.M)
#: a label with no number that opens a problem statement or its solution, set apart: ``**Problem.**``,
#: ``\textbf{Solution:}``, ``\paragraph{Problem}``, ``## Solution``, or the word alone on its line
_CLOSE = r"(?:\}|\*\*|__|\*|_)"
_LABELS = re.compile(
    rf"{_LEAD}(?:{_SECTION})?{_EMPHASIS}(?:\*|_)?(?P<label>{_STATEMENT_WORDS}|{_ANSWER_WORDS})"
    rf"(?:[ \t]*[.:][ \t]*{_CLOSE}?|[ \t]*{_CLOSE}[ \t]*[.:]?|[ \t]*$)",
    re.M | re.I,
)
_AFTER_MARKER = re.compile(r"[ \t]*[.:)]?[ \t]*(?:\*\*|__)?[ \t]*(?:\}[ \t]*)?(?P<item>\d{1,2})\.[ \t]")
#: an item: "1. ", "- 2. ", "3) ", "**2.**", "\textbf{2.}"
_ITEM = re.compile(r"^[ \t]*(?:[-*][ \t]+)?(?:\*\*|__|\\textbf\{)?[ \t]*(?P<item>\d{1,2})[.)]"
                   r"(?:[ \t]*(?:\*\*|__|\}))?(?:[ \t]+\S|[ \t]*$)", re.M)
#: an item's label in LaTeX: "\item[2.]", "\item[(2)]", "\item[\textbf{2)}]"
_LABELLED_ITEM = re.compile(r"^[ \t]*\\item[ \t]*\[[ \t]*(?:\\textbf\{)?[ \t]*\(?(?P<item>\d{1,2})[.):]?\)?"
                            r"[ \t]*\}?[ \t]*\]", re.M)
#: an item set in bold ("**2.**", "\textbf{2.}")
_BOLD = re.compile(r"[ \t]*(?:[-*][ \t]+)?(?:\*\*|__|\\textbf\{)")
#: a lettered part: "(b)", "b)", "- (b)", "**(b)**", "\subsection*{(b)}", "\paragraph{(b)}", "\textbf{(b)}",
#: "\subsection*{Part (b)}", "Part b"
_LETTER = re.compile(r"^[ \t]*(?:[-*][ \t]+)?(?:\*\*|__|\\(?:sub){0,2}section\*?\{|\\(?:sub)?paragraph\*?\{"
                     r"|\\textbf\{)?[ \t]*(?:(?:[Pp]art[ \t]*)?\(?(?P<item>[a-h])\)"
                     r"|[Pp]art[ \t]+(?P<part>[a-h])(?![\w]))",
                     re.M)
#: a part numbered in Roman: "(i)", "ii)", "**(ii)**", "\paragraph{(iii)}"
_ROMAN_ITEM = re.compile(_LETTER.pattern.replace("[a-h]", "(?-i:[ivx]{1,4})"), re.M)
#: the items of an enumerate: "\item"
_LATEX_ITEM = re.compile(r"^[ \t]*\\item(?![a-zA-Z])(?P<item>)", re.M)


@dataclass(frozen=True)
class Part:
    """``text[start:end]`` answers (or, with ``statement``, states) ``question``;
    ``line`` is the 1-based line where the part starts."""

    start: int
    end: int
    line: int
    question: str | None
    statement: bool = False


def split_questions(text: str, *, answer: str | None = None, statement: str | None = None,
                    subquestions: Collection[str] = ()) -> tuple[Part, ...]:
    """The parts of ``text``, in order, covering it entirely (see the module
    docstring). ``answer`` and ``statement`` replace the default rule;
    lettered parts and ``\\item`` s open only the ``subquestions`` a notation
    file names (``"2.2"``): elsewhere they stay in their question."""
    cuts: list[tuple[int, str | None, bool]] = []  # (offset, question, is statement)
    hidden = _Hidden(text)
    if answer is not None or statement is not None:
        for pattern, is_statement in ((answer, False), (statement, True)):
            if pattern is None:
                continue
            for m in _compile(pattern).finditer(text):
                # "... the result of Exercise 1 and\nExercise 1's notation", or a number in an equation
                if hidden.holds(m.start()) or not _stands_alone(text, m.start(), m.end()):
                    continue
                q = m.group("q")
                sub = m.groupdict().get("sub")
                cuts.append((m.start(), f"{int(q)}.{int(sub)}" if sub else str(int(q)), is_statement))
        cuts.sort(key=lambda c: c[0])
    else:
        cuts = _default_cuts(text, frozenset(subquestions), hidden)
        cuts += _doubtful(plain(text), cuts, _hiding(text, hidden))
        cuts.sort(key=lambda c: c[0])
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    bounds = [(0, None, False), *cuts]
    parts: list[Part] = []
    for i, (start, q, st) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if end > start or (q is not None and end >= start):
            parts.append(Part(start=start, end=end, line=bisect.bisect_right(line_starts, start),
                              question=q, statement=st))
    return tuple(parts)


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, re.M)
    except re.error as exc:
        raise InputError(f"[assignment]: bad pattern {pattern!r}: {exc}") from None
    if "q" not in compiled.groupindex:
        raise InputError(f"[assignment]: the pattern {pattern!r} needs a group named q")
    return compiled


class _Hidden:
    """Where no marker stands: display math (a number in an equation, ``3.2) x = 1``, never switches
    the question) and what another rule maps (the ``questions`` of the exam class). A display never
    holds a blank line (TeX ends it there), so a lone ``$$`` hides nothing past its paragraph."""

    def __init__(self, text: str, *layers: tuple[tuple[int, int], ...]) -> None:
        # each layer: spans that do not overlap, in order (display math; the exam class's questions)
        self._layers = layers or (tuple((m.start(), m.end()) for m in _MATH.finditer(text)),)

    def with_spans(self, spans: tuple[tuple[int, int], ...]) -> _Hidden:
        return _Hidden("", *self._layers, spans)

    def holds(self, pos: int) -> bool:
        for layer in self._layers:
            i = bisect.bisect_right(layer, (pos, len(layer) and layer[-1][1] + 1)) - 1
            if i >= 0 and layer[i][0] < pos < layer[i][1]:
                return True
        return False


_NO_PARAGRAPH = r"(?:(?!\n[ \t]*\n).)"
_MATH = re.compile(rf"\$\${_NO_PARAGRAPH}+?\$\$|\\\[{_NO_PARAGRAPH}+?\\\]"
                   rf"|\\begin\{{(?P<env>equation|align|eqnarray|gather|multline|flalign|displaymath)\*?\}}"
                   rf"{_NO_PARAGRAPH}+?\\end\{{(?P=env)\*?\}}", re.S)


#: a marker set apart: a Markdown heading, bold, or a LaTeX sectioning command
_DECORATED = re.compile(rf"[ \t]*(?:#|\*\*|__|{_SECTION}|\\(?:noindent|textbf|paragraph)\b)")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A marker opens a part when it is set apart (a heading, bold, a
    section) or starts a paragraph or a sentence without running on as a
    clause: in
    "... the bound from\nQ3, which gives" the line only wraps."""
    if _DECORATED.match(text, start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    previous = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)]
    # the line before ends a paragraph or a sentence (a heading on a line of its own), or is too short
    # for prose that wraps ("Ex-2: y" under "x")
    starts_paragraph = line_start == 0 or len(previous.strip()) < _WRAPS or previous.rstrip().endswith(
        (".", ":", "!", "?", "$", "}", "*", "|"))
    # ... and is set off by punctuation, a title or the end of its line ("Question 3 (5 points).",
    # "Answer 3:", "Q3.2 The unrolling", "3.2)"), never a sentence about it ("Exercise 3 had a similar bound")
    after = text[end:end + 3].lstrip(" \t")
    return starts_paragraph and (not after or after[0] in "\n.:)(-–—*_}" or after[0].isupper()
                                 or text[start:end].rstrip().endswith((".", ":", ")", "}", "*", "_")))


#: a line shorter than this is no line of prose that wraps
_WRAPS = 30


def _default_cuts(source: str, subs: frozenset[str], math: _Hidden) -> list[tuple[int, str | None, bool]]:
    # markers are read in the text with its layout, spacing and font switches blanked (see headings.plain)
    text = plain(source)
    exam = exam_spans(source)
    # the exam class numbers its own questions: what lies inside its "questions" follows its rule
    hidden = math.with_spans(exam) if exam else math
    found = _parts_within(text, _numbered(text, subs, hidden))
    cuts = _cuts(text, _settled(text, found), subs, hidden, source)
    # "**2.**" opens question 2 unless an answer counts it as its item (sub-question 2 of that question)
    items = {c[0] for c in cuts}
    bold: list[Found] = [(m, str(int(m.group("q"))), None, "") for m in _BOLD_NUMBER.finditer(text)
                         if m.start("q") not in items and not hidden.holds(m.start())
                         and _stands_alone(text, m.start(), m.end())]
    if bold:
        cuts = _cuts(text, _settled(text, found + bold), subs, hidden, source)
    return sorted(cuts + exam_cuts(source, exam, subs, math.holds, derives), key=lambda c: c[0]) if exam else cuts


def _settled(text: str, found: list[Found]) -> list[Found]:
    """The markers ``found`` that switch the question, in order, with those whose question is unclear
    opening a part of question :data:`UNCLEAR` (see :mod:`symproofs.latex.switches`)."""
    ordered = sorted(found, key=lambda f: f[0].start())
    marks = [Marker(question=q or "", pattern=_pattern(m, word), level=_level(text, m.start()), sub=bool(sub))
             for m, q, sub, word in ordered]
    out: list[Found] = []
    for f, decision in zip(ordered, settle(marks), strict=True):
        if decision is Decision.KEEP:
            out.append(f)
        elif decision is Decision.UNCLEAR:
            out.append((f[0], UNCLEAR, None, ""))
    return out


def _pattern(m: re.Match[str], word: str) -> str:
    """The form of a marker: "word" ("Answer 3", "Q3"), "part" (a part of the open question), "heading" (a
    number opening a heading), "full" ("**3.2**"), "lettered" ("2.(a)"), "titled" ("## Title (Question 4)"),
    "bold" ("**3.**")."""
    if m.re is _BOLD_NUMBER:
        return "bold"
    if m.group("q"):
        return "word" if word else "part"
    kinds = (("q2", "word"), ("q3", "heading"), ("q4", "heading"), ("q5", "full"), ("q6", "lettered"))
    return next((kind for group, kind in kinds if m.group(group)), "titled")


def _numbered(text: str, subs_named: frozenset[str], hidden: _Hidden) -> list[Found]:
    found: list[Found] = []
    for m in _MARKERS.finditer(text):
        letter = _LETTER_AFTER.match(text, m.end())
        end = letter.end() if letter else m.end()
        if hidden.holds(m.start()) or not _stands_alone(text, m.start(), end):
            continue
        groups = [m.group(f"q{k}") for k in ("", "2", "3", "4", "5", "6", "7")]
        subs = [m.group(f"sub{k}") for k in ("", "2", "3", "4", "5", "7")]
        token = next(g for g in groups if g)
        number = _value(token)
        if number is None or (not token.isdigit() and not _roman_stands(text, m, end)):
            continue  # "IIII", "Answer: V = 3": a name, not a number
        if m.group("q6") and not _DECORATED.match(text, m.start()) and text[end:end + 2].lstrip(" \t")[:1].islower():
            continue  # "2(b) follows from (a)": a sentence about a part, not its label
        q = str(number)
        if _loose(m) and (not found or found[-1][1] != q):
            continue  # "1.5. Then ..." outside question 1: a number opening a line, not a label
        sub = next((g for g in subs if g), None)
        if letter is not None and sub is None:
            # "Answer 2 (b)": the n-th letter is sub-question n where the notation names it, else the question
            # ("" marks a lettered marker: its answer has no items of its own)
            n = _ordinal(next(g for g in letter.groups() if g))
            sub = str(n) if f"{q}.{n}" in subs_named else ""
        word = "answer" if m.group("to") else _canonical(m.group("word") or m.group("word7") or "")
        found.append((m, q, sub, word))
    return found


def _loose(m: re.Match[str]) -> bool:
    """Whether a sub-question's label is in a form that also opens prose or a list ("1.2. Text",
    "*1.2*", "(1.2)"): it names a sub-question of the question it stands in only."""
    label = m.group().strip()
    return bool(m.group("q5")) and (label.endswith(".") or "(" in label or re.match(r"[*_](?![*_])", label) is not None)


def _canonical(word: str) -> str:
    """The English word a marker's or a label's ``word`` stands for: "question" ("Task", "Prob."...),
    "problem" ("Problème"), "exercise" ("Ex.", "Exercice"), "answer" ("Réponse", "Ans."), "solution"
    ("Sol.", "Soln."), or "part" ("Partie")."""
    low = word.lower().rstrip(".")
    if not low:
        return ""
    if low.startswith(("r", "ans")):
        return "answer"
    if low.startswith("sol"):
        return "solution"
    if low.startswith("part"):
        return "part"
    if low.startswith("ex"):
        return "exercise"
    return "problem" if low.startswith("prob") else "question"


def _parts_within(text: str, found: list[Found]) -> list[Found]:
    """The markers ``found`` with each "Part N" inside a question's answer or statement taken for its
    sub-question N ("#### Answer 1." then "**Part 2.**": 1.2), unless the document's first marker is a
    part (its parts are its questions) or the part is a heading no lower than the question's ("## Answer 1"
    then "## Part 2": question 2). Inside a sub-question's answer ("## Question 5.3"), a part is a part of
    its proof, never another sub-question ("**Part 2.**" stays in 5.3)."""
    if not found or found[0][3] == "part":
        return [(m, q, sub, "question" if word == "part" else word) for m, q, sub, word in found]
    out: list[Found] = []
    current: tuple[str | None, int | None, str | None] = (None, None, None)  # the question, its level, sub
    for m, q, sub, word in found:
        level = _level(text, m.start())
        if word != "part":
            current = (q, level, sub)
            out.append((m, q, sub, word))
        elif current[0] is None or (level is not None and current[1] is not None and level <= current[1]):
            out.append((m, q, sub, "question"))
        elif not current[2]:
            out.append((m, current[0], q, ""))
    return out


def _level(text: str, start: int) -> int | None:
    """The heading level of a marker at ``start``: a Markdown heading's number of ``#``, 1 to 3 for
    ``\\section`` to ``\\subsubsection``; None for a marker in a paragraph (bold, plain, ``\\textbf``)."""
    heading = re.match(r"[ \t]*(?:(?P<hashes>#{1,6})|\\(?P<subs>(?:sub){0,2})section\b)", text[start:start + 40])
    if heading is None:
        return None
    return len(heading.group("hashes")) if heading.group("hashes") else 1 + len(heading.group("subs")) // 3


#: a lettered part right after a marker's number (see ``_SUB_LETTER``)
_LETTER_AFTER = re.compile(_SUB_LETTER, re.M)


def _value(token: str) -> int | None:
    """The number ``token`` writes in digits or in Roman numerals (canonical, 1 to 39), else None."""
    if token.isdigit():
        return int(token)
    upper = token.upper()
    total = 0
    for i, ch in enumerate(upper):
        value = _ROMAN_VALUES[ch]
        total += -value if i + 1 < len(upper) and _ROMAN_VALUES[upper[i + 1]] > value else value
    return total if 0 < total < 40 and _roman(total) == upper else None


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(n: int) -> str:
    tens, units = divmod(n, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[units]


def _roman_stands(text: str, m: re.Match[str], end: int) -> bool:
    """A Roman number is a question's only when nothing reads it as a name: no sign before it
    ("Answer: V = 3"), and a title, punctuation or the end of the line after it."""
    if ":" in m.group() or "#" in m.group().lstrip(" \t#"):  # "Answer: V", "Question #X" (not "## Part II")
        return False
    after = text[end:end + 2].lstrip(" \t")
    return not after or after[0] in "\n.:)(-–—*_}" or after[0].isupper()


def _ordinal(item: str) -> int:
    """The rank of a part's label: ``b`` is 2, ``iii`` is 3."""
    roman = _value(item) if set(item) <= set("ivx") else None
    return roman if roman is not None else ord(item) - ord("a") + 1


def _cuts(text: str, numbered: list[Found], subs: frozenset[str], hidden: _Hidden,
          source: str) -> list[tuple[int, str | None, bool]]:
    labelled = _labelled(text, numbered, hidden)
    answered = {q for _, q, _, w in numbered if w in ("answer", "solution")} | {
        q for _, q, _, w in labelled if w == "solution" and q is not None}
    found = sorted(numbered + labelled, key=lambda f: f[0].start())
    cuts: list[tuple[int, str | None, bool]] = []
    for i, (m, q, sub, word) in enumerate(found):
        end = found[i + 1][0].start() if i + 1 < len(found) else len(text)
        # what precedes the answer is its statement, unless it derives: work, then a final-answer label
        is_statement = (word in _STATED and not derives(source[m.end():end])
                        and (q in answered if sub is None else _answered_after(found, i)))
        cuts.append((m.start(), f"{q}.{int(sub)}" if sub else q, is_statement))
        if is_statement or sub is not None or q is None or q == UNCLEAR:
            continue
        cuts += _items(text, m.end(), end, q, subs, hidden)
    cuts.sort(key=lambda c: c[0])
    return cuts


def _answered_after(found: list[Found], i: int) -> bool:
    """Whether a sub-question's statement marker (``**Question 1.2.**``) is answered by a marker after it (an
    answer to its question or to it): inside its question's answer, with none after, it labels the answer."""
    _, q, sub, _ = found[i]
    return any(w in ("answer", "solution") and q2 == q and s2 in (None, "", sub) for _, q2, s2, w in found[i + 1:])


#: the words of a marker or label that quotes a problem statement (when an answer to it follows)
_STATED = ("question", "problem", "exercise")
#: display math: ``$$...$$``, ``\[...\]``, and the environments of several rows
_DISPLAYS = re.compile(r"\$\$(?P<a>.+?)\$\$|\\\[(?P<b>.+?)\\\]"
                       r"|\\begin\{(?P<env>align|eqnarray|gather|multline|flalign)\*?\}(?P<c>.+?)\\end\{(?P=env)\*?\}",
                       re.S)
#: what separates the statements of one display row: "\qquad", "\quad", a "\text{...}", ", ", "; " and the
#: columns of an alignment (rows whose "\\" was lost run together: ``h &= \sigma(a) \ y &= V h``)
_APART = re.compile(r"\\q?quad\b|\\text\w*\{[^{}]*\}|\\(?:mbox|hbox)\{[^{}]*\}|[,;](?=\s)|&")
_RELATION = re.compile(r"(?<![<>!\\])=(?!=)|\\(?:le|ge|leq|geq|leqslant|geqslant|lt|gt)(?![a-zA-Z])|(?<!\\)[<>]")


def derives(text: str) -> bool:
    r"""Whether ``text`` holds a derivation: a display row with two
    relations (``(a+b)^2 = a^2 + 2ab + b^2 = a^2 + b^2``) or a row that
    goes on from the row before (``&= a^2 + b^2``). A quoted problem
    statement states (``f(x) = x^2``, ``v_t = \beta v_{t-1} \qquad
    \Delta\theta_t = -v_t``, rows of definitions); it never derives."""
    for block in _DISPLAYS.finditer(text):
        body = block.group("a") or block.group("b") or block.group("c") or ""
        for i, row in enumerate(re.split(r"\\\\(?:\[[^\]]*\])?", body)):
            row = re.sub(r"\\(?:label|tag|notag|nonumber)\b(?:\{[^{}]*\})?", "", row).strip()
            if i and re.match(r"&?\s*(?:=|\\le|\\ge|<|>)", row):
                return True
            if any(_steps(_top(piece)) for piece in _APART.split(row)):
                return True
    return False


def _steps(piece: str) -> bool:
    """Whether ``piece`` takes two steps: two relations or more, not a range (``0 \\le t \\le 1``)."""
    relations = list(_RELATION.finditer(piece))
    if len(relations) < 2:
        return False
    middle = piece[relations[0].end():relations[1].start()]
    return len(relations) > 2 or "=" in relations[0].group() + relations[1].group() or not _NAME.fullmatch(middle)


#: the name a range bounds: ``t``, ``x_i``, ``\\lambda_{k}``
_NAME = re.compile(r"\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*")


def _top(text: str) -> str:
    r"""``text`` without what its braces hold (``\sum_{1 \le i \le n}`` states no relation)."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "{"
        if depth == 0:
            out.append(ch)
        depth -= ch == "}" and depth > 0
    return "".join(out)


Found = tuple[re.Match[str], str | None, str | None, str]


def _labelled(text: str, numbered: list[Found], hidden: _Hidden) -> list[Found]:
    """Statements and solutions marked by a label with no number: a
    "Problem." ("Question.", "Exercise.") label followed by a "Solution."
    or "Answer." label before anything else opens a part, or a numbered
    statement marker ("Problem 3") followed so by a "Solution." label,
    states the problem; the second label opens its answer. Both belong to
    the question of the numbered marker before them. Before any numbered
    marker such labels open no part: the problems of a document that numbers
    none are one question, read in order (a name one problem's answer
    defines is the one the next problem speaks of), and the math of their
    statements is read as an answer's, where words such as "let" and "with"
    make it a definition or a case, never a claim (see
    :mod:`symproofs.grading.cases`). A label that pairs with nothing opens
    no part."""
    # (match, question, word): a numbered marker's word, or "" with the label's word for a label
    events: list[tuple[re.Match[str], str | None, str, str]] = sorted(
        [(m, q, w, "") for m, q, _, w in numbered]
        + [(m, None, "", _canonical(m.group("label"))) for m in _LABELS.finditer(text)
           if not hidden.holds(m.start()) and _stands_alone(text, m.start(), m.end())],
        key=lambda e: e[0].start())
    out: list[Found] = []
    question: str | None = None
    for (m, q, word, label), after in itertools.zip_longest(events, events[1:]):
        if not label:
            question = q
        if after is None or after[3] not in _ANSWER_LABELS:
            continue
        if not label and word in ("question", "problem", "exercise") and after[3] == "solution":
            out.append((after[0], q, None, "solution"))  # "**Problem 1.** ... **Solution.** ..."
        elif label and label not in _ANSWER_LABELS and question is not None:
            out += [(m, question, None, label), (after[0], question, None, "solution")]
    return out


#: the labels that open a solution: "Solution." after a statement, "Answer." after an unnumbered statement label
#: only ("**Question 3.** ... **Answer:** $x = 3$" is the answer's last line, not its start)
_ANSWER_LABELS = ("solution", "answer")


def _items(text: str, start: int, end: int, q: str, subs: frozenset[str],
           hidden: _Hidden) -> list[tuple[int, str | None, bool]]:
    r"""The parts of an answer, counting up from the first: sub-questions. Numbered items
    ("1.", "**2.**", "3)") first; else lettered parts ("(a)", "**(b)**", "\subsection*{(c)}"),
    the n-th letter the n-th sub-question; else the ``\item`` s of an enumerate: these two where
    the notation has the sub-question (``subs``), else they stay in the question."""
    out: list[tuple[int, str | None, bool]] = []
    last = 0
    first = _AFTER_MARKER.match(text, start)
    if first is not None:
        last = int(first.group("item"))
        out.append((first.start("item"), f"{q}.{last}", False))
    items = sorted([*_ITEM.finditer(text, start, end), *_LABELLED_ITEM.finditer(text, start, end)],
                   key=lambda m: m.start())
    for m in items:
        if (first is not None and m.start("item") <= first.start("item")) or hidden.holds(m.start()):
            continue
        n = int(m.group("item"))
        # each item a later sub-question than the one before (the answer may skip some: "2." first, or
        # "1." then "3."), by its own label; a bold number with none before it is a question (see _BOLD_NUMBER)
        if n > last and (last or n == 1 or not _BOLD.match(m.group())):
            out.append((m.start("item"), f"{q}.{n}", False))
            last = n
    if out:
        return out + _next_parts(text, out[-1][0], end, (q, last), subs, hidden)
    for style in (_LETTER, _ROMAN_ITEM, _LATEX_ITEM):
        marks = [m for m in style.finditer(text, start, end) if not hidden.holds(m.start())]
        for count, m in enumerate(marks, start=1):
            if _label(m) and _ordinal(_label(m)) != count:
                break  # "(b)" with no "(a)" before it: a remark, not the parts of the answer
            if f"{q}.{count}" in subs:
                out.append((m.start(), f"{q}.{count}", False))
        if out:
            return out
    return out


def _label(m: re.Match[str]) -> str:
    """A lettered (or Roman) part's letter: "b" of "(b)", "b)" and "Part b"; "" for an ``\\item``."""
    return m.group("item") or m.groupdict().get("part") or ""


def _next_parts(text: str, start: int, end: int, last: tuple[str, int], subs: frozenset[str],
                hidden: _Hidden) -> list[tuple[int, str | None, bool]]:
    """After an answer's numbered items (the last at ``start``, sub-question ``last``), a lettered or Roman
    part that counts on from them ("1." then "(b)" or "ii)": the n-th letter the n-th part) opens that
    sub-question where the notation names it; a list of its own ("(a)", "(b)" under "1.") is nested in its
    item and opens nothing."""
    q, n = last
    out: list[tuple[int, str | None, bool]] = []
    for style in (_LETTER, _ROMAN_ITEM):
        for m in style.finditer(text, start, end):
            if hidden.holds(m.start()):
                continue
            if _ordinal(_label(m)) != n + 1 or f"{q}.{n + 1}" not in subs:
                break
            n += 1
            out.append((m.start(), f"{q}.{n}", False))
    return sorted(out)


def mapping_notes(text: str, parts: tuple[Part, ...], *, assignment: bool) -> tuple[str, ...]:
    """What a TA should know of how ``parts`` map ``text`` to questions: that
    no marker was found where the notation names questions (``assignment``),
    and which lines with display math were taken for quoted problem
    statements, which are not graded."""
    notes: list[str] = []
    if assignment and parts and all(p.question is None for p in parts):
        notes.append("no question marker found (such as '## Answer 3', 'Question 3', '\\section{Q3}'): every "
                     "line is graded with the notation's shared sections only, none of a question's")
    notes += _unread_headings(text, parts)
    for p in parts:
        if p.question == UNCLEAR:
            heading = text[p.start:text.find("\n", p.start) if "\n" in text[p.start:] else len(text)].strip()[:40]
            notes.append(f"line {p.line}: {heading!r} may open another question, in a form the document's question "
                         "markers do not use: which question its text answers is unclear, its lines are graded "
                         "unknown; check the mapping")
    for p in parts:
        if p.statement and _DISPLAYS.search(text, p.start, p.end):
            last = p.line + text.count("\n", p.start, max(p.end - 1, p.start))
            notes.append(f"lines {p.line}-{last}: taken for the quoted problem statement of question "
                         f"{p.question} (an answer to it follows), not graded")
    return tuple(notes)


def _hiding(text: str, math: _Hidden | None = None) -> _Hidden:
    """Where no heading is read: display math and the exam class's questions (which number their own)."""
    exam = exam_spans(text)
    math = math or _Hidden(text)
    return math.with_spans(exam) if exam else math


def _doubtful(view: str, cuts: list[tuple[int, str | None, bool]],
              hidden: _Hidden) -> list[tuple[int, str | None, bool]]:
    """The cuts that end a question at a heading no marker reads (see :func:`headings.unplaced`)."""
    marks = [(c[0], c[1]) for c in cuts]
    return [(m.start(), None, False) for m, _, ends in unplaced(view, marks, hidden.holds) if ends]


def _unread_headings(text: str, parts: tuple[Part, ...]) -> list[str]:
    """Headings that name a number beyond their question's and that no marker reads ("### Aufgabe 4" in
    question 3): a TA should check the mapping. Such a heading ends the question before it (its text is read
    with the shared notation only) unless its words number the answer's own steps ("**Case 2.**"): then its
    text stays in the question, under its assumptions."""
    notes: list[str] = []
    for m, question, ends in unplaced(plain(text), [(p.start, p.question) for p in parts], _hiding(text).holds):
        line = text.count("\n", 0, m.start()) + 1
        cut = ends and any(p.start == m.start() and p.question is None for p in parts)  # (not under [assignment])
        where = "with the notation's shared sections only, none of a question's" if cut else f"as question {question}"
        notes.append(f"line {line}: the heading {text[m.start():m.end()].strip()[:40]!r} names {m.group('n')} but is "
                     f"read as no question marker: its text is graded {where}; check the mapping")
    return notes

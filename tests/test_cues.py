"""The prose around a displayed equation: a consequence ("so", "hence",
\\implies), an equation set up to be solved ("setting ... to zero")."""

from __future__ import annotations

import pytest

from symproofs.grading.cues import ASSUMING, GOAL_CUES, consequence, solving


@pytest.mark.parametrize(("lead", "drawn"), [
    ("and so", True), ("Hence,", True), ("which gives", True), ("we get", True),
    (r"x^2 = 4 \quad\text{so}\quad", True), (r"\implies", True),
    ("We also", False), ("Let", False), ("so that the sum is finite. Now", False),
])
def test_a_consequence_is_drawn_at_the_end_of_the_lead(lead: str, drawn: bool) -> None:
    assert consequence(lead) is drawn


@pytest.mark.parametrize(("lead", "solved"), [
    ("Setting the gradient to zero,", True), ("Equating the two expressions:", True),
    ("At a stationary point", True), ("Solving for w:", True),
    (r"Setting it to zero gives \[ 2ax = 2b \] hence", False),  # the cue belongs to the display before
    ("We expand", False),
])
def test_an_equation_to_solve_is_set_up_since_the_last_display(lead: str, solved: bool) -> None:
    assert solving(lead) is solved


def test_the_claim_an_answer_sets_out_to_show() -> None:
    assert GOAL_CUES.search("We show that") and not GOAL_CUES.search("We showed that. Then")


@pytest.mark.parametrize(("lead", "assumed"), [
    ("Assume", True), ("Suppose", True), ("Assuming that", True), ("If", True), ("for all", True),
    (r"\forall", True), ("whenever", True),
    ("Then", False), ("We get", False), ("Notice that", False), ("the gift", False),
])
def test_a_hypothesis_is_made_at_the_end_of_the_lead(lead: str, assumed: bool) -> None:
    assert (ASSUMING.search(lead) is not None) is assumed

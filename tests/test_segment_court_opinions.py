"""Court opinions the segmenter had not seen (a trial on four real opinions: Ideal Electronic
Security Co. v. International Fidelity Insurance Co., D.C. Cir. 1997, from CourtListener;
Hubbert v. Dell Corp., People v. Dixon and People v. Glisson, Ill. App. 2005, from the
Caselaw Access Project; all public domain). 31 errors in 808 sentences; these are the
patterns fixed:

- "Id." opening a unit was taken for a Roman-numeral list marker ("I" and "d"), so the
  citation was joined to the next sentence instead of the one it cites for;
- abbreviations in parties' and codes' names cut the citation: "Sentry Ins." | "Co.",
  "Western Elec." | "Co.", "Tex. Bus. & Com." | "Code", "Ill. Const." | "1970, art." |
  "I, § 11.", "ex rel." | "J.W. Briggs", "See Mem." | "Op.", "R. 37C, eff." | "July 1";
- a statute citation ("9 U.S.C. § 2 (2000).") stood alone where a case citation joins the
  sentence it supports.
"""

import pytest

from tests.sentences import units


def test_id_cites_the_sentence_before_it():
    text = ("Thereafter, the surety sought recovery from the contractor pursuant to their indemnity agreement. "
            "Id.  The contractor disputed the surety's indemnification claim.")
    assert units(text) == [
        "Thereafter, the surety sought recovery from the contractor pursuant to their indemnity agreement. Id.",
        "The contractor disputed the surety's indemnification claim.",
    ]


@pytest.mark.parametrize("text", [
    "See  also Sentry Ins. Co. v. Davison Fuel & Dock Co., 396 N.E.2d 1, 3 (1979).",
    "Accord United States v. Western Elec. Co., 132 F.R.D. 1, 2 (D.D.C. 1990).",
    "Tex. Bus. & Com. Code Ann. \u00a7 1.201(10) (Vernon 1994).",
    "The right is guaranteed, quoting Ill. Const. 1970, art. I, \u00a7 11.",
    "See, e.g., United States ex rel. J.W. Briggs v. Grubb, 358 F.2d 508, 515 (9th Cir. 1966).",
    "See Mem. Op. at 11-12.",
    "Nat\u2019l Arbitration Forum Code of Procedure R. 37C, eff. July 1, 2000.",
    "Wisconsin Ave. Coop. Ass'n, 441 A.2d 956, 960 (D.C. 1982).",
])
def test_a_citation_is_one_unit(text):
    assert units(text) == [text]


def test_a_statute_citation_joins_the_sentence_it_supports():
    text = ("The Act reflects a liberal federal policy in favor of arbitration agreements. 9 U.S.C. \u00a7 2 (2000). "
            "The next sentence starts here.")
    assert units(text) == [
        "The Act reflects a liberal federal policy in favor of arbitration agreements. 9 U.S.C. \u00a7 2 (2000).",
        "The next sentence starts here.",
    ]


def test_what_still_ends_a_sentence():
    assert units("I met Nat. He left. Did. Then it rained.") == ["I met Nat.", "He left.", "Did.", "Then it rained."]
    assert units("iv. The fourth point. XII. The twelfth.") == ["iv. The fourth point.", "XII. The twelfth."]


def test_federal_rules_and_a_title_after_a_dash():
    """A trial on 2025 slip opinions: "See Fed. Rules Civ. Proc." | "60(b)(1)" (11 cuts in two
    opinions), and "to do just that—Mr." | "Bowe and the majority"."""
    from tests.sentences import units

    assert units("See Fed. Rules Civ. Proc. 60(b)(1), (c)(1). The rule is old.") == [
        "See Fed. Rules Civ. Proc. 60(b)(1), (c)(1).", "The rule is old."]
    assert units("Default judgments, Fed. Rule Civ. Proc. 55(c), and Fed. Rules Bkrtcy. Proc. 9024 apply.") == [
        "Default judgments, Fed. Rule Civ. Proc. 55(c), and Fed. Rules Bkrtcy. Proc. 9024 apply."]
    assert units("Prisoners may do just that\u2014Mr. Bowe and the majority say so. It ends.") == [
        "Prisoners may do just that\u2014Mr. Bowe and the majority say so.", "It ends."]
    assert units("He paused\u2014and left. Then it ended.") == ["He paused\u2014and left.", "Then it ended."]

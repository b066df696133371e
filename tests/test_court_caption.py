"""A court PDF's title is its case, from the caption, when the file names none or names the
court ("United States Court of Appeals"): the captions below are copied from real court
documents a trial read (public domain), and the fixtures are in tests/fixtures/court-pdfs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.sources.court_caption import case_name
from reader.core.sources.pdf import extract_pdf

HERE = Path(__file__).parent / "fixtures" / "court-pdfs"


@pytest.mark.parametrize("paragraphs, expected", [
    # 1st Cir.: the parties above and below a "v." of its own, each with its role
    (["United States Court of Appeals", "For the First Circuit", "No. 12-2207", "TRANSAMERICA LIFE INSURANCE COMPANY,",
      "Plaintiff, Appellant,", "v.", "ESTELLA RODRIGUES,", "Defendant, Appellee, ________________________"],
     "TRANSAMERICA LIFE INSURANCE COMPANY v. ESTELLA RODRIGUES"),
    # the docket number on the party's line; "v." starting the other's, with an official capacity
    (["United States Court of Appeals", "For the First Circuit", "No. 20-1507 CALVARY CHAPEL OF BANGOR,",
      "Plaintiff, Appellant,", "v. JANET T. MILLS, in her official capacity as Governor of the State of Maine,",
      "Defendant, Appellee."], "CALVARY CHAPEL OF BANGOR v. JANET T. MILLS"),
    # 5th Cir.: "versus", a dash in the role, several defendants
    (["United States Court of Appeals", "for the Fifth Circuit", "No. 21-50498 Vanessa St. Pierre,", "Plaintiff\u2014Appellant,",
      "versus Standard Insurance Company; Dearborn National Life Insurance Company,", "Defendants\u2014Appellees."],
     "Vanessa St. Pierre v. Standard Insurance Company"),
    # 9th Cir.: the role and the "v." on one line
    (["No. 20-16276", "IN THE UNITED STATES COURT OF APPEALS", "FOR THE NINTH CIRCUIT", "ANGEL ZEPEDA RIVAS, et al.",
      "Plaintiffs-Appellees, v.", "DAVID JENNINGS, et al.", "Defendants-Appellants."],
     "ANGEL ZEPEDA RIVAS, et al. v. DAVID JENNINGS, et al."),
    # a reporter's one-line caption, after a preliminary print's cover
    (["PRELIMINARY PRINT", "Volume 607 U. S. Part 1", "Pages 11\u201312", "OFFICIAL REPORTS", "OF", "THE SUPREME COURT",
      "DOE v. DYNAMIC PHYSICAL THERAPY, LLC, et al.", "certiorari to the court of appeal of louisiana"],
     "DOE v. DYNAMIC PHYSICAL THERAPY, LLC, et al."),
    # a caption set in columns of ")": not read whole, so not read
    (["TENNESSEE", "Ruben Diaz ) Docket No. 2019-06-0263 ) v. ) State File No. 9", "Create and Construct, LLC )"], ""),
    # no caption at all
    (["The Federalist No. 84", "Certain General and Miscellaneous Objections to the Constitution Considered and Answered"], ""),
])
def test_the_case_is_read_from_the_caption(paragraphs, expected):
    assert case_name(paragraphs) == expected


@pytest.mark.parametrize("name, title", [
    ("scotus-kemp-preliminary-print-pp1-3-11-15-17.pdf", "KEMP v. UNITED STATES"),
    ("scotus-tarrant-slip-opinion-pp1-4-7-16.pdf", "TARRANT REGIONAL WATER DISTRICT v. HERRMANN ET AL."),
    ("cacd-experian-v-leon-order.pdf", "CONSUMERINFO.COM, INC. dba EXPERIAN CONSUMER SERVICES v. ESTEBAN LEON"),
    # the file's own title, when it has a good one, stays
    ("scotus-bowe-v-united-states-24-5438.pdf", "24-5438 Bowe v. United States (01/09/2026)"),
])
def test_a_court_pdf_without_a_title_takes_its_case(name, title):
    assert extract_pdf((HERE / name).read_bytes(), name).meta.get("title") == title


@given(st.lists(st.text(max_size=80), max_size=30))
def test_any_paragraphs_give_a_short_name_or_none(paragraphs):
    name = case_name(paragraphs)
    assert name == "" or (" v. " in name and len(name) <= 260)

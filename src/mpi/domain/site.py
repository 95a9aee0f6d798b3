"""What differs per deployment of the public site (`site.yaml` beside `plan.yaml`): who
publishes it and how to reach them, where its Impressum and Datenschutz live, its address,
logo, and the facts of its Erklärung zur Barrierefreiheit. The plan says nothing of these, so
the site never guesses them: without this file `mpi site` builds a preview that says so."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from mpi.domain.types import Base, Day, Text, new_list
from mpi.i18n import _

# An absolute http(s) address of characters an IRI may hold as they are (RFC 3987): no
# spaces, quotes, angle or curly brackets, pipes, backslashes, carets or backticks.
URL = Annotated[str, Field(pattern=r"^https?://[^\s<>\"{}|\\^`]+$", max_length=2000)]
EMAIL = Annotated[str, Field(pattern=r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$", max_length=254)]
Conformance = Literal["full", "partial", "none"]


class Contact(Base):
    """Someone people can write to: an office with its address, mail, phone or web form."""

    name: Text = Field(description="Who answers (an office, a unit).")
    address: list[Text] = Field(default_factory=new_list, description="Postal address, by line.")
    email: EMAIL | None = None
    phone: Annotated[str, Field(pattern=r"^\+?[0-9 ()/-]{3,40}$")] | None = None
    url: URL | None = Field(default=None, description="A contact form or page.")

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if self.email is None and self.url is None:
            raise ValueError(_("give an email or a url (or both)"))
        return self


class Barrier(Base):
    """Content that is not accessible, why, and what people can use instead."""

    what: Text
    why: Text
    instead: Text | None = None


class Accessibility(Base):
    """The facts of the Erklärung zur Barrierefreiheit (BITV 2.0, HmbBITVO § 2)."""

    conformance: Conformance = Field(
        description="full, partial or none: vollständig, teilweise, nicht vereinbar."
    )
    assessed: Day = Field(description="The day the statement was made.")
    updated: Day | None = Field(default=None, description="The day it was last reviewed.")
    method: Text = Field(
        default="Selbstbewertung",
        description="How it was assessed (Selbstbewertung, or by whom and when).",
    )
    barriers: list[Barrier] = Field(
        default_factory=new_list,
        description="Known barriers beyond those mpi states itself (a missing DGS video).",
    )
    enforcement: Contact = Field(
        description="The Schlichtungsstelle (in Hamburg: nach § 13a HmbBGG) with its address."
    )
    sign_language: URL | None = Field(
        default=None, description="The page of the site's explanation in Deutscher Gebärdensprache."
    )


class Logo(Base):
    file: Annotated[str, Field(pattern=r"^[^/\\][^\\]*\.(svg|png)$", max_length=200)] = Field(
        description="An SVG or PNG file, relative to site.yaml (never outside it)."
    )
    alt: Text = Field(description="The logo's text alternative (usually the publisher's name).")

    @model_validator(mode="after")
    def _inside(self) -> Logo:
        if ".." in self.file.split("/"):
            raise ValueError(_("the logo must lie in the plan directory (no ..)"))
        return self


# The licences of the DCAT-AP.de vocabulary (https://www.dcat-ap.de/def/licenses/) that an
# open data set can carry, with their names.
_DCATDE = "http://dcat-ap.de/def/licenses/"
LICENSES = {  # URI: (name, its id in the Open Definition's list, which data packages use)
    _DCATDE + "dl-by-de/2.0": (
        "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "dl-de-by-2.0",
    ),
    _DCATDE + "dl-zero-de/2.0": ("Datenlizenz Deutschland – Zero – Version 2.0", "dl-de-zero-2.0"),
    _DCATDE + "cc-by/4.0": (
        "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
        "CC-BY-4.0",
    ),
    _DCATDE + "cc-by-sa/4.0": (
        "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 "
        "International (CC BY-SA 4.0)",
        "CC-BY-SA-4.0",
    ),
    _DCATDE + "cc-zero": ("Creative Commons CC Zero License (cc-zero)", "CC0-1.0"),
    _DCATDE + "odbl": ("Open Data Commons Open Database License (ODbL)", "ODbL-1.0"),
}


class OpenData(Base):
    """How the plan's open data are published (`mpi export opendata`, the site's data page):
    the facts DCAT-AP.de asks for that the plan does not hold."""

    license: str = Field(
        description="The licence, a URI of the DCAT-AP.de vocabulary, e.g. "
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0."
    )
    attribution: Text | None = Field(
        default=None,
        description="How users name the source (dcatde:licenseAttributionByText); default: "
        "the publisher.",
    )
    url: URL | None = Field(
        default=None,
        description="Where the data files are published; default: the site's url + daten/.",
    )
    contributor_id: URL | None = Field(
        default=None,
        description="The portal's contributor id (dcatde:contributorID), e.g. "
        "http://dcat-ap.de/def/contributors/transparenzportalHamburg.",
    )
    spatial: URL | None = Field(
        default=None,
        description="Its area (dcatde:politicalGeocodingURI), e.g. Hamburg: "
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/02.",
    )
    keywords: list[Text] = Field(default_factory=new_list, description="Schlagwörter.")

    @field_validator("license")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in LICENSES:
            raise ValueError(
                _("not a licence of the DCAT-AP.de vocabulary; one of: {known}").format(
                    known=", ".join(LICENSES)
                )
            )
        return value


class SiteConfig(Base):
    """site.yaml: the deployment's own facts."""

    publisher: Text = Field(description="Who publishes the site (the responsible body).")
    url: URL | None = Field(default=None, description="Where the site is published.")
    contact: Contact = Field(description="Where feedback goes (shown on every page).")
    imprint: URL = Field(description="The Impressum.")
    privacy: URL = Field(description="The Datenschutzerklärung.")
    logo: Logo | None = None
    accessibility: Accessibility
    easy_language_checked: Text | None = Field(
        default=None,
        description="Who checked the Leichte Sprache page (Prüflesende); unchecked if absent.",
    )
    opendata: OpenData | None = Field(
        default=None, description="The open data's licence and portal facts; none: not published."
    )

    @property
    def address(self) -> str | None:
        """The site's address with one closing slash, so a page's path can follow it."""
        return _folder(self.url)

    @property
    def data_url(self) -> str | None:
        """Where the open data files are (with a closing slash), if that is known."""
        if self.opendata is not None and self.opendata.url is not None:
            return _folder(self.opendata.url)
        return self.address + "daten/" if self.address is not None else None


def _folder(url: str | None) -> str | None:
    return url.rstrip("/") + "/" if url is not None else None

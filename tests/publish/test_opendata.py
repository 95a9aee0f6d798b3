"""`mpi export opendata`: tidy CSV files a Frictionless validator accepts, DCAT-AP.de that
rdflib reads with every property DCAT-AP.de makes mandatory, the report of record, a ZIP of
it all, the same bytes for the same plan; and the site's copy of it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from functools import partial
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib import namespace as ns  # not its names: pytest would look into them
from rdflib.compare import isomorphic

from helpers import LATER, git, mpi

run = partial(mpi, lang="de", today=LATER)
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
LICENCE = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
TABLES = ("partners", "measures", "measure_partners", "deadlines", "status_history",
          "decisions", "indicators")  # fmt: skip


@pytest.fixture(scope="module")
def exported(year: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("opendata") / "daten"
    run("export", "opendata", "-o", str(out), plan=year)
    return out


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_data_package_validates_with_frictionless(exported: Path) -> None:
    from frictionless import Package, validate

    report = validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(exported / "datapackage.json"))
    assert [r.name for r in package.resources] == [t.replace("_", "-") for t in TABLES]
    assert package.licenses[0]["path"] == str(LICENCE)
    for resource in package.resources:
        assert all(field.description for field in resource.schema.fields)


def test_the_tables_say_what_the_year_did(exported: Path) -> None:
    assert len(rows(exported / "measures.csv")) == 51
    statuses = rows(exported / "status_history.csv")
    assert [(r["measure"], r["new_status"], r["change"]) for r in statuses] == [
        ("HF3.7", "dropped", "dropped")
    ]
    assert statuses[0]["decision"].startswith("Koordinierungsrunde 10.03.2027")
    decided = rows(exported / "decisions.csv")
    target = next(r for r in decided if r["item"] == "glasfaser-haushalte")
    assert target["target"] == "90" and target["record"] == "decision"
    deadlines = rows(exported / "deadlines.csv")
    takt = next(r for r in deadlines if r["milestone"] == "hamburg-takt")
    assert (takt["due"], takt["due_end"], takt["precision"]) == ("2032", "2032-12-31", "year")
    done = next(r for r in deadlines if r["milestone"] == "hh-win-stufe-1")
    assert done["status"] == "done" and done["done"] == "2027-10-01"
    series = [
        r for r in rows(exported / "indicators.csv") if r["indicator"] == "glasfaser-haushalte"
    ]
    assert [r["observation"] for r in series] == ["baseline", "target"]
    assert series[1]["value"] == "90" and series[0]["period"] == "2022"
    roles = rows(exported / "measure_partners.csv")
    assert {"measure": "HF1.6", "partner": "dgb", "role": "lead"} in roles


def test_the_dcat_ap_de_description_carries_the_mandatory_properties(exported: Path) -> None:
    turtle, xml = Graph(), Graph()
    turtle.parse(exported / "dcat.ttl", format="turtle")
    xml.parse(exported / "dcat.rdf", format="xml")
    assert isomorphic(turtle, xml)
    datasets = list(turtle.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    for mandatory in (ns.DCTERMS.title, ns.DCTERMS.description):
        assert turtle.value(dataset, mandatory) is not None, mandatory
    publisher = turtle.value(dataset, ns.DCTERMS.publisher)
    assert str(turtle.value(publisher, ns.FOAF.name)).startswith("Freie und Hansestadt Hamburg")
    contact = turtle.value(dataset, ns.DCAT.contactPoint)
    assert turtle.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")) == URIRef(
        "mailto:masterplan@example.org"
    )
    period = turtle.value(dataset, ns.DCTERMS.temporal)
    assert str(turtle.value(period, ns.DCAT.startDate)) == "2023-01-01"
    assert str(turtle.value(period, ns.DCAT.endDate)) == "2045-12-31"
    assert turtle.value(dataset, DCATDE.politicalGeocodingURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/02"
    )
    assert turtle.value(dataset, DCATDE.contributorID) is not None
    distributions = list(turtle.objects(dataset, ns.DCAT.distribution))
    assert len(distributions) == len(TABLES) + 2  # and the package and the ZIP
    for d in distributions:
        assert (d, ns.RDF.type, ns.DCAT.Distribution) in turtle
        assert turtle.value(d, ns.DCAT.accessURL) is not None  # mandatory
        assert turtle.value(d, ns.DCTERMS.license) == LICENCE  # mandatory in DCAT-AP.de
        assert turtle.value(d, DCATDE.licenseAttributionByText) is not None
        assert str(d).startswith("https://masterplan.example.org/daten/")
        name = str(d).rsplit("/", 1)[1]
        assert (exported / name).is_file(), name


def test_the_zip_holds_everything_with_the_report_of_record(year: Path, exported: Path) -> None:
    with zipfile.ZipFile(exported / "masterplan-daten.zip") as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names == sorted(names)
        assert {f"{t}.csv" for t in TABLES} <= set(names)
        assert {"datapackage.json", "provenance.json", "dcat.ttl", "dcat.rdf"} <= set(names)
        record = json.loads(z.read("provenance.json"))
        assert z.read("measures.csv") == (exported / "measures.csv").read_bytes()
    head = git(year.parent, "rev-parse", "HEAD").strip()
    assert record["commit"] == head and record["cut_off"] == LATER
    # HF1.14's deadline was postponed by hand, without a decision: the guard's error
    assert record["valid"] is False and record["errors"] == 1 and record["uncommitted"] == []


def test_the_same_plan_gives_the_same_bytes_and_the_site_the_same_files(
    year: Path, exported: Path, year_site: Path, tmp_path: Path
) -> None:
    again = tmp_path / "daten"
    run("export", "opendata", "-o", str(again), plan=year, env={"PYTHONHASHSEED": "7"})
    run("export", "opendata", "-o", str(again), plan=year)  # replaces its own output
    for path in exported.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
        assert (year_site / "daten" / path.name).read_bytes() == path.read_bytes(), path.name
    page = (year_site / "abonnieren.html").read_text(encoding="utf-8")
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert 'href="daten/masterplan-daten.zip"' in page


def test_without_a_licence_or_into_a_foreign_directory_nothing_is_written(
    year: Path, tmp_path: Path
) -> None:
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(year, plan)
    text = (plan / "site.yaml").read_text(encoding="utf-8")
    (plan / "site.yaml").write_text(text.split("opendata:")[0], encoding="utf-8")
    out = run("export", "opendata", "-o", str(tmp_path / "o"), plan=plan, code=2)
    assert "site.yaml" in out.stderr and "license" in out.stderr
    assert not (tmp_path / "o").exists()
    bad = text.replace("dl-by-de/2.0", "dl-by-de/9.9")
    (plan / "site.yaml").write_text(bad, encoding="utf-8")
    out = run("export", "opendata", "-o", str(tmp_path / "o"), plan=plan, code=1)
    assert "site.yaml:18:12:" in out.stderr and "DCAT-AP.de" in out.stderr
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine\n", encoding="utf-8")
    (plan / "site.yaml").write_text(text, encoding="utf-8")
    out = run("export", "opendata", "-o", str(foreign), plan=plan, code=2)
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine\n"
    assert list(foreign.iterdir()) == [foreign / "keep.txt"]


def test_the_data_do_not_change_with_the_day_only_the_record_does(
    year: Path, exported: Path, tmp_path: Path
) -> None:
    later = tmp_path / "daten"
    mpi("export", "opendata", "-o", str(later), plan=year, lang="de", today="2028-03-01")
    for path in exported.iterdir():
        same = (later / path.name).read_bytes() == path.read_bytes()
        assert same is (path.name not in ("provenance.json", "masterplan-daten.zip")), path.name
    assert json.loads((later / "provenance.json").read_text())["cut_off"] == "2028-03-01"


def test_the_basis_columns_name_every_basis(exported: Path) -> None:
    """Issue 31, point 20: a date or target set by a decision (basis `decided`) was missing
    from the columns' descriptions."""
    from mpi.domain.words import BASES

    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    described = [
        field["description"]
        for resource in package["resources"]
        for field in resource["schema"]["fields"]
        if field["name"] == "basis"
    ]
    assert len(described) == 2
    for description in described:
        assert all(basis in description for basis in BASES), description

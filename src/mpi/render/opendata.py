"""The open data as files: a CSV per table (UTF-8, RFC 4180, values as the plan holds them),
`datapackage.json` (a Frictionless Tabular Data Package describing every column),
`provenance.json` (the report of record: commit, cut-off day, mpi version, validation), the
DCAT-AP.de description (`dcat.ttl`, `dcat.rdf`, written with rdflib, imported only here:
about 0.3 s), and a ZIP of them all. Nothing depends on the time it is made: the same plan
and cut-off give the same bytes."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from mpi.domain.site import LICENSES, SiteConfig
from mpi.i18n import _, language
from mpi.views.opendata import OpenData, Table

ZIP_NAME = "masterplan-daten.zip"
THEMES = ("GOVE", "ECON")  # the EU data themes: government and public sector; economy
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
DCATDE = "http://dcat-ap.de/def/dcatde/"  # the German application profile


def files(data: OpenData, config: SiteConfig, modified: datetime) -> Iterator[tuple[str, bytes]]:
    """Every file (name, bytes), the ZIP last; `modified` is when the plan last changed."""
    made: list[tuple[str, str | bytes]] = [(f"{t.name}.csv", _csv(t)) for t in data.tables]
    made.append(("datapackage.json", _package(data, config, modified)))
    made.append(("provenance.json", _provenance(data)))
    sizes = {name: len(content) for name, content in made}
    graph = _dcat(data, config, modified, sizes)
    made.append(("dcat.ttl", graph.serialize(format="turtle")))
    made.append(("dcat.rdf", _sorted_namespaces(graph)))
    yield from ((n, c.encode("utf-8") if isinstance(c, str) else c) for n, c in made)
    yield ZIP_NAME, _zip(made, modified)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([_cell(v) for v in row] for row in table.rows)
    return out.getvalue()


def _license(config: SiteConfig) -> dict[str, str]:
    assert config.opendata is not None
    uri = config.opendata.license
    title, name = LICENSES[uri]
    return {"name": name, "path": uri, "title": title}


def _package(data: OpenData, config: SiteConfig, modified: datetime) -> str:
    """The Tabular Data Package (https://specs.frictionlessdata.io/tabular-data-package/)."""
    package = {
        "profile": "tabular-data-package",
        "name": "masterplan-industrie",
        "title": data.plan.title,
        "description": _description(data),
        "created": modified.isoformat(),
        "licenses": [_license(config)],
        "contributors": [{"title": config.publisher, "role": "publisher"}],
        "resources": [
            {
                "name": t.name.replace("_", "-"),
                "path": f"{t.name}.csv",
                "title": _(t.title),
                "description": _(t.description),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": c.name, "type": c.type, "description": _(c.description)}
                        for c in t.columns
                    ],
                    **({"primaryKey": list(t.key)} if t.key else {}),
                    "missingValues": [""],
                },
            }
            for t in data.tables
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _provenance(data: OpenData) -> str:
    m = data.made
    record = {
        "plan": data.plan.title,
        "commit": m.commit,
        "uncommitted": [{"file": name, "state": state} for name, state in m.differs],
        "cut_off": m.cut_off.isoformat(),
        "mpi_version": m.version,
        "valid": m.valid,
        "errors": m.errors,
        "warnings": m.warnings,
        "draft": m.draft,
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _description(data: OpenData) -> str:
    p = data.plan
    return _(
        "{plan} as open data: {measures} measures in {fields} Handlungsfelder with their "
        "lead partners, deadlines (with their basis in the text), status history, decisions "
        "and indicators."
    ).format(plan=p.title, measures=len(p.measures()), fields=len(p.fields))


def _dcat(data: OpenData, config: SiteConfig, modified: datetime, sizes: dict[str, int]) -> Any:
    """The DCAT-AP.de description (https://www.dcat-ap.de/def/dcatde/2.0/spec/) of the data
    set and each distribution; every node named (no blank nodes), so the output is stable."""
    from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF

    assert config.opendata is not None and config.data_url is not None
    od, base = config.opendata, config.data_url
    dcatde = Namespace(DCATDE)
    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    g = Graph(store="SimpleMemory")  # dicts, not sets: the same order in every run
    for prefix, space in (("dcat", DCAT), ("dct", DCTERMS), ("dcatde", dcatde), ("foaf", FOAF),
                          ("vcard", vcard)):  # fmt: skip
        g.bind(prefix, space)
    dataset, publisher = URIRef(base + "#dataset"), URIRef(base + "#publisher")
    contact, period = URIRef(base + "#contact"), URIRef(base + "#period")
    de = language()
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(data.plan.title, lang=de)))
    g.add((dataset, DCTERMS.description, Literal(_description(data), lang=de)))
    g.add((dataset, DCTERMS.identifier, Literal(base)))
    g.add((dataset, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))
    g.add((dataset, DCTERMS.language, URIRef(EU + "language/DEU")))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(config.publisher)))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((contact, RDF.type, vcard.Organization))
    g.add((contact, vcard.fn, Literal(config.contact.name)))
    if config.contact.email:
        g.add((contact, vcard.hasEmail, URIRef("mailto:" + config.contact.email)))
    if config.contact.url:
        g.add((contact, vcard.hasURL, URIRef(config.contact.url)))
    g.add((dataset, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal(data.first.isoformat(), datatype=XSD.date)))
    g.add((period, DCAT.endDate, Literal(data.last.isoformat(), datatype=XSD.date)))
    for theme in THEMES:
        g.add((dataset, DCAT.theme, URIRef(EU + "data-theme/" + theme)))
    for word in ["Masterplan Industrie", "Industriepolitik", *od.keywords]:
        g.add((dataset, DCAT.keyword, Literal(word, lang=de)))
    if config.url:
        g.add((dataset, DCAT.landingPage, URIRef(config.url)))
    if od.spatial:
        g.add((dataset, dcatde.politicalGeocodingURI, URIRef(od.spatial)))
    if od.contributor_id:
        g.add((dataset, dcatde.contributorID, URIRef(od.contributor_id)))
    _distributions(g, dataset, data, config, modified, sizes)
    return g


def _distributions(
    g: Any,
    dataset: Any,
    data: OpenData,
    config: SiteConfig,
    modified: datetime,
    sizes: dict[str, int],
) -> None:
    """Each file of the data set as a DCAT distribution: title, address, licence and whom to
    name, format and media type, size."""
    from rdflib import RDF, XSD, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS

    assert config.opendata is not None and config.data_url is not None
    od, base, de = config.opendata, config.data_url, language()
    dcatde = Namespace(DCATDE)
    attribution = od.attribution or config.publisher
    titles = {f"{t.name}.csv": _(t.title) for t in data.tables} | {
        "datapackage.json": _("Data package (Frictionless Data)"),
        ZIP_NAME: _("All files as a ZIP"),
    }
    for name, title in titles.items():
        dist = URIRef(base + name)
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(title, lang=de)))
        g.add((dist, DCAT.accessURL, dist))
        g.add((dist, DCAT.downloadURL, dist))
        g.add((dist, DCTERMS.license, URIRef(od.license)))
        g.add((dist, dcatde.licenseAttributionByText, Literal(attribution, lang=de)))
        g.add((dist, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))
        kind = name.rsplit(".", 1)[1].upper()
        g.add((dist, DCTERMS["format"], URIRef(EU + "file-type/" + kind)))
        media = {"CSV": "text/csv", "JSON": "application/json", "ZIP": "application/zip"}[kind]
        g.add((dist, DCAT.mediaType, URIRef(IANA + media)))
        if name in sizes:
            g.add((dist, DCAT.byteSize, Literal(sizes[name], datatype=XSD.nonNegativeInteger)))


def _sorted_namespaces(graph: Any) -> str:
    """RDF/XML with its namespace declarations in one order (rdflib collects them in a set,
    whose order changes from run to run; the rest of the file follows the graph's order)."""
    text: str = graph.serialize(format="pretty-xml")
    head, _open, rest = text.partition("<rdf:RDF\n")
    declared, _close, body = rest.partition("\n>\n")
    lines = sorted(declared.split("\n"))
    return head + _open + "\n".join(lines) + _close + body


def _zip(made: list[tuple[str, str | bytes]], modified: datetime) -> bytes:
    """A ZIP of the files, each dated when the plan last changed (not when it was made)."""
    stamp = modified.astimezone(UTC)
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in sorted(made):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, content)
    return out.getvalue()

"""Finding, fetching and compiling the pristine DMTF/W3C schemas.

The XSD files are never part of ovfmodel's source or wheel: `schemas/sources.json` pins each
one (public URL, SHA-256) and `schemas/catalog.xml` maps the absolute URLs the schemas import
each other by to local file names. `fetch()` fills a schema folder from the public URLs or from
a local copy, checking every hash; validation compiles the schemas offline through the catalog.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from . import atomicfile
from .errors import SchemaIntegrityError, SchemaNotFoundError

ENV_VAR = "OVFMODEL_SCHEMA_DIR"
_CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"

ENVELOPE_1 = "dsp8023_1.1.0.xsd"
ENVELOPE_2 = "dsp8023_2.0.1.xsd"
ENVIRONMENT_1 = "dsp8027_1.1.0.xsd"


@dataclass(frozen=True)
class PinnedSchema:
    file: str
    url: str
    namespace: str
    version: str
    sha256: str
    size: int
    aliases: tuple[str, ...]


def _metadata_dir() -> Path:
    return Path(str(resources.files("ovfmodel._schemadata")))


@cache
def pinned() -> tuple[PinnedSchema, ...]:
    """Every pinned schema file, from sources.json."""
    data = json.loads((_metadata_dir() / "sources.json").read_text(encoding="utf-8"))
    return tuple(
        PinnedSchema(
            file=e["file"],
            url=e["url"],
            namespace=e["namespace"],
            version=e["version"],
            sha256=e["sha256"],
            size=e["size"],
            aliases=tuple(e["aliases"]),
        )
        for e in data["schemas"]
    )


@cache
def catalog() -> dict[str, str]:
    """URL -> local file name, from the OASIS catalog."""
    tree = etree.parse(str(_metadata_dir() / "catalog.xml"), _meta_parser())
    mapping: dict[str, str] = {}
    for el in tree.getroot():
        if el.tag == _CATALOG_NS + "uri":
            mapping[el.get("name", "")] = el.get("uri", "")
        elif el.tag == _CATALOG_NS + "system":
            mapping[el.get("systemId", "")] = el.get("uri", "")
    return mapping


def _meta_parser() -> etree.XMLParser:
    # schema files carry DOCTYPEs (xmldsig, xenc): never load DTDs, never resolve, never go online
    return etree.XMLParser(
        load_dtd=False, resolve_entities=False, no_network=True, remove_comments=False
    )


def default_dirs() -> list[Path]:
    """Where schema folders are looked for, in order."""
    dirs: list[Path] = []
    env = os.environ.get(ENV_VAR)
    if env:
        dirs.append(Path(env))
    dirs.append(_metadata_dir() / "xsd")  # a source checkout or editable install: schemas/xsd/
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    dirs.append(Path(cache_home) / "ovfmodel" / "schemas")
    return dirs


def user_cache_dir() -> Path:
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "ovfmodel" / "schemas"


HOW_TO_GET = (
    "Install them with `ovfmodel schemas fetch` (downloads from the DMTF/W3C URLs and checks "
    "each SHA-256), or `ovfmodel schemas fetch --from DIR` for a local copy; in a source "
    "checkout `python tools/fetch_schemas.py --from ../shared/schemas` fills schemas/xsd/. "
    f"Or point ${ENV_VAR} at a folder that holds them."
)


def schema_dir() -> Path:
    """The first folder that holds every pinned schema file; raises with instructions if none."""
    needed = [p.file for p in pinned()]
    looked: list[str] = []
    env = os.environ.get(ENV_VAR)
    for d in default_dirs():
        looked.append(str(d))
        if all((d / f).is_file() for f in needed):
            return d
        if env and d == Path(env):
            missing = [f for f in needed if not (d / f).is_file()]
            raise SchemaNotFoundError(
                f"${ENV_VAR}={env} lacks {', '.join(missing)}", hint=HOW_TO_GET
            )
    raise SchemaNotFoundError(
        "the DMTF OVF schemas are not installed (looked in " + ", ".join(looked) + ")",
        hint=HOW_TO_GET,
    )


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(directory: Path) -> None:
    """Raise SchemaIntegrityError unless every pinned file in `directory` has its SHA-256."""
    for p in pinned():
        path = directory / p.file
        if not path.is_file():
            raise SchemaNotFoundError(f"{path} is missing", hint=HOW_TO_GET)
        got = _sha256(path)
        if got != p.sha256:
            raise SchemaIntegrityError(
                f"{path} has SHA-256 {got}, pinned {p.sha256}",
                hint="the file is not the pinned DMTF/W3C release; fetch it again",
            )


def _read_pinned(p: PinnedSchema, source: Path | None, timeout: float) -> tuple[bytes, str]:
    """The bytes of one pinned schema from folder ``source`` or its URL, and where they came from."""
    if source is not None:
        src = source / p.file
        if not src.is_file():
            raise SchemaNotFoundError(f"{src} is missing", hint=f"{source} must hold {p.file}")
        return src.read_bytes(), str(src)
    import urllib.request  # only `schemas fetch` goes online: validate never pays for http

    try:
        with urllib.request.urlopen(p.url, timeout=timeout) as resp:
            return resp.read(p.size + 1), p.url
    except OSError as exc:
        raise SchemaNotFoundError(
            f"cannot download {p.url}: {exc}",
            hint="without internet, use --from DIR with a folder holding the files",
        ) from exc


def fetch(target: Path, source: Path | None = None, *, timeout: float = 60.0) -> list[Path]:
    """Fill `target` with every pinned schema, from folder `source` or from the public URLs.

    Every file is read and checked against its pinned SHA-256 before any is written: one
    missing or wrong file raises and leaves `target` as it was, so a folder filled by this
    function holds only genuine files, and all of them.
    """
    checked: list[tuple[PinnedSchema, bytes]] = []
    for p in pinned():
        data, origin = _read_pinned(p, source, timeout)
        got = hashlib.sha256(data).hexdigest()
        if got != p.sha256:
            raise SchemaIntegrityError(
                f"{origin} has SHA-256 {got}, pinned {p.sha256}",
                hint="refusing to install a schema that is not the pinned release; "
                "nothing was installed",
            )
        checked.append((p, data))
    target.mkdir(parents=True, exist_ok=True)
    # written together: a failure part-way (disk full) leaves no new file in place
    with atomicfile.atomic_group() as group:
        for p, data in checked:
            group.write_bytes(target / p.file, data)
    return [target / p.file for p, _ in checked]


class CatalogResolver(etree.Resolver):
    """Resolves the schemas' absolute import URLs to the local folder; anything else is refused."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory
        self.mapping = catalog()

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        name = self.mapping.get(system_url)
        if name is None:
            name = Path(system_url).name if system_url.startswith(str(self.directory)) else None
        if name is None:
            raise SchemaNotFoundError(f"schema import {system_url} is not in the catalog")
        return self.resolve_filename(str(self.directory / name), context)


# libxml2 resolves a schema's imports through lxml's process-wide hooks: two compilations at
# once in two threads find each other's imports missing ("does not resolve to an element
# declaration"); compiling is rare and short (~10 ms), so one at a time
_compile_lock = threading.Lock()


def compile_schema(file: str) -> etree.XMLSchema:
    """A new compiled XMLSchema for one pinned entry schema (e.g. ENVELOPE_2), offline."""
    directory = schema_dir()
    with _compile_lock:
        parser = _meta_parser()
        parser.resolvers.add(CatalogResolver(directory))
        try:
            doc = etree.parse(str(directory / file), parser)
            return etree.XMLSchema(doc)
        except (etree.XMLSyntaxError, etree.XMLSchemaParseError, OSError) as exc:
            # a damaged or edited schema file (the pinned hashes are checked when fetched)
            raise SchemaIntegrityError(
                f"the installed schema {file} does not compile: {exc}",
                file=str(directory / file),
                hint="check them with `ovfmodel schemas check`, then fetch them again "
                "(`ovfmodel schemas fetch`)",
            ) from None


@cache
def compiled(file: str) -> etree.XMLSchema:
    """The compiled XMLSchema for one pinned entry schema, compiled once per process.

    Not for concurrent use: an XMLSchema object keeps the error log of its last run, so two
    threads validating with it lose or mix each other's errors (`ovfmodel.validate` holds a
    lock per schema object while it validates; see ovfmodel.validation.xsd).
    """
    return compile_schema(file)


def entry_for(namespace: str) -> str | None:
    """The pinned entry schema of an OVF envelope or environment namespace, or None."""
    return {
        "http://schemas.dmtf.org/ovf/envelope/1": ENVELOPE_1,
        "http://schemas.dmtf.org/ovf/envelope/2": ENVELOPE_2,
        "http://schemas.dmtf.org/ovf/environment/1": ENVIRONMENT_1,
    }.get(namespace)


def for_namespace(namespace: str) -> etree.XMLSchema | None:
    """The compiled schema for an OVF envelope or environment namespace, or None."""
    entry = entry_for(namespace)
    return compiled(entry) if entry else None

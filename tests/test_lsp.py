"""End to end: a real LSP client (pytest-lsp) driving `python -m ovfmodel lsp` in a subprocess.

Every capability is exercised on real descriptors from tests/data, and on a generated
10,000-item one. Waits are generous and nothing asserts a duration (timings live in
tools/bench_lsp.py).
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from ovfmodel.validation import validate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "tools"))

from bench_validate import valid_envelope  # noqa: E402

WAIT = 120.0  # seconds; a 2-core CI machine running other tests can be slow


class Client(LanguageClient):
    """pytest-lsp's client, also keeping every publishDiagnostics with its version."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[lsp.PublishDiagnosticsParams] = []


def _record(client: Client, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def make_client() -> Client:
    client = Client()
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record
    register_lsp_features(client, features)
    return client


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "ovfmodel", "lsp", "--debounce", "0.05"],
        client_factory=make_client,
    ),
)
async def client(lsp_client: Client) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=DATA.as_uri()
        )
    )
    yield
    await lsp_client.shutdown_session()


# --- helpers ---------------------------------------------------------------------------------

_versions: dict[str, int] = {}


async def until(check: Callable[[], Any], what: str) -> Any:
    """Poll `check` until it returns something truthy (the server works asynchronously)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while loop.time() < deadline:
        found = check()
        if found:
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def published(client: Client, uri: str, version: int) -> lsp.PublishDiagnosticsParams | None:
    for params in reversed(client.published):
        if params.uri == uri and params.version == version:
            return params
    return None


async def open_doc(client: Client, path: Path, text: str | None = None) -> tuple[str, str]:
    """didOpen `path` (with `text` as its buffer), wait for its diagnostics; (uri, text)."""
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    _versions[uri] = 1
    client.published[:] = [p for p in client.published if p.uri != uri]
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)
        )
    )
    await until(lambda: published(client, uri, 1), f"diagnostics of {path.name}")
    return uri, text


async def change(client: Client, uri: str, text: str, wait: bool = True) -> int:
    version = _versions[uri] = _versions[uri] + 1
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    if wait:
        await until(lambda: published(client, uri, version), f"diagnostics of version {version}")
    return version


def close(client: Client, uri: str) -> None:
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )


def pos(text: str, needle: str, delta: int = 0) -> lsp.Position:
    """The position of `needle` (plus `delta` characters) in an ASCII text."""
    offset = text.index(needle) + delta
    line = text.count("\n", 0, offset)
    return lsp.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


def offset_of(text: str, p: lsp.Position) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: p.line]) + p.character


def text_of(text: str, r: lsp.Range) -> str:
    return text[offset_of(text, r.start) : offset_of(text, r.end)]


def apply(text: str, edits: Sequence[lsp.TextEdit]) -> str:
    """Apply LSP text edits (ranges of the original text) back to front."""
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def td(uri: str) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri=uri)


# --- diagnostics -----------------------------------------------------------------------------


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_have_codes_links_and_precise_ranges(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "invalid-connection-unknown-network.ovf")
    (diag,) = client.diagnostics[uri]
    assert diag.code == "OVF404"
    assert diag.severity == lsp.DiagnosticSeverity.Error
    assert diag.source == "ovfmodel"
    assert text_of(text, diag.range) == "Backup Network"  # the Connection's value, not the Item
    assert diag.code_description is not None
    assert diag.code_description.href.endswith("rules.md#ovf404")
    close(client, uri)

    uri, text = await open_doc(client, DATA / "invalid-disk-fileref-missing.ovf")
    (diag,) = client.diagnostics[uri]
    assert (diag.code, text_of(text, diag.range)) == ("OVF202", "file2")  # the attribute value
    close(client, uri)

    uri, text = await open_doc(client, DATA / "quirk-missing-references.ovf")
    (diag,) = client.diagnostics[uri]
    assert (diag.code, text_of(text, diag.range)) == ("OVF901", "<DiskSection>")  # start tag
    close(client, uri)


@pytest.mark.asyncio(loop_scope="module")
async def test_not_well_formed_reports_the_xml_error_then_clears(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "invalid-parent-missing.ovf")
    assert [d.code for d in client.diagnostics[uri]] == ["OVF402"]
    broken = text.replace("</rasd:ElementName>", "</rasd:ElementNam>", 1)
    version = await change(client, uri, broken)
    diags = published(client, uri, version).diagnostics  # type: ignore[union-attr]
    assert [d.code for d in diags] == ["OVF001"]  # nothing stale from the previous version
    assert diags[0].range.start.line == broken[: broken.index("</rasd:ElementNam>")].count("\n")
    fixed = text.replace("<rasd:Parent>12</rasd:Parent>", "<rasd:Parent>4</rasd:Parent>")
    version = await change(client, uri, fixed)
    assert published(client, uri, version).diagnostics == ()  # type: ignore[union-attr]
    close(client, uri)
    await until(lambda: client.diagnostics.get(uri) == (), "diagnostics cleared on close")


@pytest.mark.asyncio(loop_scope="module")
async def test_other_xml_gets_no_diagnostics(client: Client, tmp_path: Path) -> None:
    pom = '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"/>\n'
    uri, _ = await open_doc(client, tmp_path / "pom.xml", pom)
    assert client.diagnostics[uri] == ()
    close(client, uri)
    # the same text named .ovf is a descriptor whose root is wrong
    uri, _ = await open_doc(client, tmp_path / "wrong-root.ovf", pom)
    assert [d.code for d in client.diagnostics[uri]] == ["OVF001"]
    close(client, uri)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_uri_with_percent_escapes_is_served(client: Client, tmp_path: Path) -> None:
    # editors percent-encode file URIs: VS Code sends a space as %20, a Windows drive as
    # file:///c%3A/..., non-ASCII names as UTF-8 escapes; pygls keys its documents by the
    # unquoted URI, and such a document once got no diagnostics, hover or anything else
    folder = tmp_path / "my appliances \u00e9"
    folder.mkdir()
    path = folder / "unknown network.ovf"
    shutil.copy(DATA / "invalid-connection-unknown-network.ovf", path)
    uri, text = await open_doc(client, path)
    assert "%20" in uri and "%C3%A9" in uri
    (diag,) = client.diagnostics[uri]
    assert (diag.code, text_of(text, diag.range)) == ("OVF404", "Backup Network")
    assert "Ethernet Adapter" in await hover_text(
        client, uri, pos(text, "<rasd:ResourceType>10<", len("<rasd:ResourceType>"))
    )
    version = await change(client, uri, text.replace("Backup Network", "VM Network"))
    assert published(client, uri, version).diagnostics == ()  # type: ignore[union-attr]
    close(client, uri)
    await until(lambda: client.diagnostics.get(uri) == (), "diagnostics cleared on close")


# --- hover ------------------------------------------------------------------------------------


async def hover_text(client: Client, uri: str, p: lsp.Position) -> str:
    found = await client.text_document_hover_async(
        lsp.HoverParams(text_document=td(uri), position=p)
    )
    assert found is not None
    assert isinstance(found.contents, lsp.MarkupContent)
    return found.contents.value


@pytest.mark.asyncio(loop_scope="module")
async def test_hover(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "vmware-ovftool-appliance.ovf")
    assert "Disk Drive" in await hover_text(
        client, uri, pos(text, "<rasd:ResourceType>17<", len("<rasd:ResourceType>"))
    )
    assert "1,073,741,824 bytes" in await hover_text(client, uri, pos(text, "byte * 2^30", 3))
    fileref = await hover_text(client, uri, pos(text, 'ovf:fileRef="file1"', 14))
    assert "kestrel-edge-gw-disk1.vmdk" in fileref and "1184307712" in fileref
    disk = await hover_text(client, uri, pos(text, "ovf:/disk/vmdisk1", 12))
    assert "vmdisk1" in disk and "17,179,869,184 bytes" in disk  # 16 x 2^30
    network = await hover_text(client, uri, pos(text, "<rasd:Connection>VM Network", 18))
    assert "The VM Network network" in network
    config = await hover_text(client, uri, pos(text, 'ovf:configuration="performance"', 20))
    assert "Performance" in config
    os_type = await hover_text(client, uri, pos(text, '<OperatingSystemSection ovf:id="94"', 33))
    assert "OS type 94" in os_type and "Ubuntu" in os_type
    parent = await hover_text(client, uri, pos(text, "<rasd:Parent>4<", 13))
    assert (
        "Item `4`" in parent and "SATA Controller 0" in parent and "Other Storage Device" in parent
    )
    close(client, uri)

    uri, text = await open_doc(client, DATA / "generic-strings-localization.ovf")
    message = await hover_text(client, uri, pos(text, 'ovf:msgid="disk.section.info"', 12))
    assert "Msg `disk.section.info`" in message
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=td(uri), position=pos(text, 'ovf:msgid="disk.section.info"', 12)
        )
    )
    assert isinstance(found, list) and found
    assert all(text_of(text, loc.range) == "disk.section.info" for loc in found)
    assert all(loc.range.start.line > pos(text, "<Strings").line for loc in found)
    close(client, uri)

    uri, text = await open_doc(client, DATA / "invalid-property-default-outside-qualifiers.ovf")
    assert "one of span, tap, inline" in await hover_text(
        client, uri, pos(text, 'ovf:qualifiers="', 17)
    )
    assert "Property type `string`" in await hover_text(
        client, uri, pos(text, 'ovf:type="string"', 11)
    )
    close(client, uri)


# --- completion -------------------------------------------------------------------------------


async def complete(client: Client, uri: str, p: lsp.Position) -> list[lsp.CompletionItem]:
    found = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=td(uri), position=p)
    )
    assert isinstance(found, lsp.CompletionList)
    return list(found.items)


@pytest.mark.asyncio(loop_scope="module")
async def test_completion(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "vmware-ovftool-appliance.ovf")
    # ids the document defines after ovf:/disk/, with the id part as the edit range
    typing = text.replace(
        "<rasd:HostResource>ovf:/disk/vmdisk1", "<rasd:HostResource>ovf:/disk/", 1
    )
    await change(client, uri, typing)
    p = pos(typing, "<rasd:HostResource>ovf:/disk/<", len("<rasd:HostResource>ovf:/disk/"))
    items = await complete(client, uri, p)
    assert [i.label for i in items] == ["vmdisk1", "vmdisk2"]
    edit = items[0].text_edit
    assert isinstance(edit, lsp.TextEdit)
    assert apply(typing, [edit]) == text  # completing gives back the original line
    # element names valid in DiskSection, from the OVF 1.1 schema
    typing = text.replace(
        "<Info>Virtual disk information</Info>", "<Info>Virtual disk information</Info><", 1
    )
    await change(client, uri, typing)
    labels = {i.label for i in await complete(client, uri, pos(typing, "information</Info><", 19))}
    assert labels == {"Info", "Disk"}
    # attribute names of Disk not yet written
    typing = text.replace('<Disk ovf:capacity="16"', '<Disk  ovf:capacity="16"', 1)
    await change(client, uri, typing)
    labels = {
        i.label for i in await complete(client, uri, pos(typing, '<Disk  ovf:capacity="16"', 6))
    }
    assert labels == {"ovf:parentRef"}
    await change(client, uri, text)
    # enumerated values and ids in attribute values and element text
    labels = {i.label for i in await complete(client, uri, pos(text, "<rasd:ResourceType>17", 19))}
    assert {"1", "10", "17", "33"} <= labels
    labels = {i.label for i in await complete(client, uri, pos(text, 'ovf:fileRef="file1"', 13))}
    assert labels == {"file1", "file2", "file3"}
    labels = {
        i.label for i in await complete(client, uri, pos(text, "<rasd:Connection>VM Network", 17))
    }
    assert labels == {"VM Network", "Uplink"}
    labels = {
        i.label
        for i in await complete(client, uri, pos(text, 'ovf:configuration="performance"', 19))
    }
    assert labels == {"standard", "performance"}
    labels = {i.label for i in await complete(client, uri, pos(text, 'ovf:required="false"', 14))}
    assert labels == {"true", "false"}
    close(client, uri)


# --- definition, references, rename ---------------------------------------------------------


@pytest.mark.asyncio(loop_scope="module")
async def test_definition_and_references(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "vmware-ovftool-appliance.ovf")
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=td(uri), position=pos(text, "ovf:/disk/vmdisk1", 12))
    )
    assert isinstance(found, list) and len(found) == 1
    assert isinstance(found[0], lsp.Location)
    assert text_of(text, found[0].range) == "vmdisk1"
    assert found[0].range.start == pos(text, 'ovf:diskId="vmdisk1"', 12)

    found = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=td(uri), position=pos(text, "<rasd:Connection>VM Network", 20)
        )
    )
    assert isinstance(found, list) and found[0].range.start == pos(
        text, 'ovf:name="VM Network"', 10
    )

    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=td(uri),
            position=pos(text, 'ovf:id="file1"', 9),
            context=lsp.ReferenceContext(include_declaration=True),
        )
    )
    assert refs is not None
    assert sorted(r.range.start.line for r in refs) == [
        pos(text, 'ovf:id="file1"').line,
        pos(text, 'ovf:fileRef="file1"').line,
    ]
    assert {text_of(text, r.range) for r in refs} == {"file1"}
    close(client, uri)


@pytest.mark.asyncio(loop_scope="module")
async def test_rename_updates_every_user_and_nothing_else(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "vmware-ovftool-appliance.ovf")
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(
            text_document=td(uri), position=pos(text, 'ovf:name="VM Network"', 12)
        )
    )
    assert isinstance(prepared, lsp.Range) and text_of(text, prepared) == "VM Network"
    edit = await client.text_document_rename_async(
        lsp.RenameParams(
            text_document=td(uri),
            position=pos(text, 'ovf:name="VM Network"', 12),
            new_name="Production LAN",
        )
    )
    assert edit is not None and edit.changes is not None
    renamed = apply(text, edit.changes[uri])
    expected = text.replace('ovf:name="VM Network"', 'ovf:name="Production LAN"').replace(
        "<rasd:Connection>VM Network<", "<rasd:Connection>Production LAN<"
    )
    assert renamed == expected  # byte for byte, apart from the renamed spans
    assert validate(renamed.encode()).codes() == validate(text.encode()).codes()

    edit = await client.text_document_rename_async(
        lsp.RenameParams(
            text_document=td(uri), position=pos(text, 'ovf:id="standard"', 9), new_name="small"
        )
    )
    assert edit is not None and edit.changes is not None
    renamed = apply(text, edit.changes[uri])
    assert 'ovf:configuration="standard"' not in renamed and 'ovf:id="small"' in renamed
    assert validate(renamed.encode()).ok

    # a disk id renamed from one of its users: the Disk and every ovf:/disk/ reference follow
    edit = await client.text_document_rename_async(
        lsp.RenameParams(
            text_document=td(uri), position=pos(text, "ovf:/disk/vmdisk1", 12), new_name="boot"
        )
    )
    assert edit is not None and edit.changes is not None
    renamed = apply(text, edit.changes[uri])
    expected = text.replace('ovf:diskId="vmdisk1"', 'ovf:diskId="boot"').replace(
        "ovf:/disk/vmdisk1<", "ovf:/disk/boot<"
    )
    assert renamed == expected
    assert validate(renamed.encode()).codes() == validate(text.encode()).codes()
    close(client, uri)


# --- symbols ----------------------------------------------------------------------------------


@pytest.mark.asyncio(loop_scope="module")
async def test_document_symbols(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "vmware-vcenter-nested-vapp.ovf")
    found = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=td(uri))
    )
    assert found is not None
    (envelope,) = found
    assert isinstance(envelope, lsp.DocumentSymbol) and envelope.name == "Envelope"

    def names(symbol: lsp.DocumentSymbol) -> list[str]:
        return [symbol.name] + [n for c in symbol.children or [] for n in names(c)]

    every = names(envelope)
    assert "References" in every and "NetworkSection" in every
    assert any(n.startswith("VirtualSystemCollection ") for n in every)
    assert any(n.startswith("VirtualSystem ") for n in every)
    assert any(n.startswith("Item ") for n in every)
    assert text_of(text, envelope.selection_range) == "<Envelope"
    close(client, uri)


# --- code actions -----------------------------------------------------------------------------


async def actions_for(
    client: Client, uri: str, diag: lsp.Diagnostic | None, r: lsp.Range
) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=td(uri),
            range=r,
            context=lsp.CodeActionContext(diagnostics=[diag] if diag else []),
        )
    )
    return [a for a in found or [] if isinstance(a, lsp.CodeAction)]


def edits_of(action: lsp.CodeAction, uri: str) -> list[lsp.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


def only_inserted(before: str, after: str, inserted: str) -> None:
    """`after` is `before` with `inserted` put in one place, every other byte unchanged."""
    assert len(after) == len(before) + len(inserted)
    i = next((k for k in range(len(before)) if before[k] != after[k]), len(before))
    assert after[i : i + len(inserted)] == inserted or after.replace(inserted, "", 1) == before


@pytest.mark.asyncio(loop_scope="module")
async def test_code_actions_keep_the_rest_byte_for_byte(client: Client) -> None:
    uri, text = await open_doc(client, DATA / "invalid-disk-fileref-missing.ovf")
    (diag,) = client.diagnostics[uri]
    found = {a.title: a for a in await actions_for(client, uri, diag, diag.range)}
    add = found["Add File 'file2' to References"]
    added = apply(text, edits_of(add, uri))
    line = '\n    <File ovf:href="file2" ovf:id="file2"/>'
    assert added.replace(line, "", 1) == text
    assert "OVF202" not in validate(added.encode()).codes()
    remove = found["Remove the dangling ovf:fileRef"]
    removed = apply(text, edits_of(remove, uri))
    assert removed == text.replace(' ovf:fileRef="file2"', "", 1)
    assert "OVF202" not in validate(removed.encode()).codes()
    close(client, uri)

    uri, text = await open_doc(client, DATA / "quirk-required-unknown-section.ovf")
    (diag,) = client.diagnostics[uri]
    (fix,) = [a for a in await actions_for(client, uri, diag, diag.range) if "required" in a.title]
    fixed = apply(text, edits_of(fix, uri))
    assert len(fixed) == len(text) + 1 and "OVF304" not in validate(fixed.encode()).codes()
    assert fixed.replace('ovf:required="false"', 'ovf:required="true"', 1) == text
    close(client, uri)

    uri, text = await open_doc(client, DATA / "invalid-connection-unknown-network.ovf")
    (diag,) = client.diagnostics[uri]
    (fix,) = await actions_for(client, uri, diag, diag.range)
    fixed = apply(text, edits_of(fix, uri))
    gone = text[text.rfind("\n", 0, text.index("<rasd:Connection>Backup")) + 1 :]
    gone = gone[: gone.index("\n") + 1]
    assert fixed == text.replace(gone, "", 1)  # the Connection line, nothing more
    assert validate(fixed.encode()).codes() == []
    close(client, uri)


@pytest.mark.asyncio(loop_scope="module")
async def test_code_action_sets_size_from_the_file_beside(client: Client, tmp_path: Path) -> None:
    source = DATA / "vmware-ovftool-appliance.ovf"
    descriptor = tmp_path / source.name
    shutil.copy(source, descriptor)
    (tmp_path / "kestrel-edge-gw-icon.png").write_bytes(b"\x89PNG" + b"\0" * 1230)
    uri, text = await open_doc(client, descriptor)
    here = pos(text, 'ovf:href="kestrel-edge-gw-icon.png"', 3)
    (fix,) = [
        a
        for a in await actions_for(client, uri, None, lsp.Range(start=here, end=here))
        if "size" in a.title
    ]
    assert fix.title.startswith("Set ovf:size to 1234")
    fixed = apply(text, edits_of(fix, uri))
    assert fixed == text.replace('ovf:size="4781"', 'ovf:size="1234"', 1)
    close(client, uri)


# --- a 10,000-item descriptor -----------------------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.ovf"
    path.write_bytes(valid_envelope(10000))
    return path


@pytest.mark.asyncio(loop_scope="module")
async def test_large_descriptor(client: Client, large: Path) -> None:
    uri, text = await open_doc(client, large)
    assert client.diagnostics[uri] == ()
    # a burst of edits: only the last version's diagnostics count, and they are right
    versions = []
    for n in (101, 2001, 5001):
        nic = f"<rasd:Connection>lan</rasd:Connection>\n        <rasd:ElementName>Network adapter {n}<"
        edited = text.replace(nic, nic.replace(">lan<", ">wan<"), 1)
        versions.append(await change(client, uri, edited, wait=False))
    final = await until(
        lambda: published(client, uri, versions[-1]), "diagnostics of the last edit"
    )
    (diag,) = final.diagnostics
    assert diag.code == "OVF404" and text_of(edited, diag.range) == "wan"
    assert diag.range.start.line == pos(edited, "<rasd:Connection>wan").line
    # while the large file is being validated, other requests are answered
    await change(client, uri, text, wait=False)
    small_uri, _ = await open_doc(client, DATA / "invalid-parent-missing.ovf")
    assert [d.code for d in client.diagnostics[small_uri]] == ["OVF402"]
    close(client, small_uri)
    await until(lambda: published(client, uri, _versions[uri]), "diagnostics after the revert")
    assert published(client, uri, _versions[uri]).diagnostics == ()  # type: ignore[union-attr]
    # features on the large file
    middle = "<rasd:HostResource>ovf:/disk/disk5000<"
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=td(uri), position=pos(text, middle, 30))
    )
    assert isinstance(found, list) and found[0].range.start == pos(
        text, 'ovf:diskId="disk5000"', 12
    )
    items = await complete(client, uri, pos(text, "<rasd:Connection>lan", 17))
    assert [i.label for i in items] == ["lan"]
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=td(uri),
            position=pos(text, 'ovf:name="lan"', 10),
            context=lsp.ReferenceContext(include_declaration=False),
        )
    )
    assert refs is not None and len(refs) == 2500
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=td(uri))
    )
    assert symbols is not None
    close(client, uri)


@pytest.mark.asyncio(loop_scope="module")
async def test_positions_count_utf16_code_units(client: Client, tmp_path: Path) -> None:
    source = (DATA / "invalid-connection-unknown-network.ovf").read_text(encoding="utf-8")
    text = source.replace(
        "<rasd:Connection>Backup Network", "<!-- 😀 é --><rasd:Connection>Backup Network", 1
    )
    uri, _ = await open_doc(client, tmp_path / "emoji.ovf", text)
    (diag,) = client.diagnostics[uri]
    line_start = text.rfind("\n", 0, text.index("Backup Network")) + 1
    before = text[line_start : text.index("Backup Network")]
    units = len(before.encode("utf-16-le")) // 2  # the emoji is two UTF-16 code units
    assert units == len(before) + 1
    assert diag.range.start.character == units
    assert diag.range.end.character == units + len("Backup Network")
    close(client, uri)


def test_without_the_extra_the_command_says_how_to_install() -> None:
    blocked = (
        "import sys; sys.modules['pygls'] = None; from ovfmodel.cli import main; "
        "sys.exit(main(['lsp']))"
    )
    done = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("ovfmodel: error: ")
    assert "pip install 'ovfmodel[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr

"""ovf_envelope_2 imports its rarely used modules on first use (tools/gen_deferred.py, issue 16).

CIM EPASD and SASD, boot settings and XML encryption/signatures cost a cold start tens of
milliseconds and most descriptors use none of them. Each test runs in a fresh interpreter (what
is imported is process state): a descriptor without such content never imports them; one with
them, and every way a user can reach the classes (attribute, `from ... import`, type hints,
xsdata's own serializer, pickle, dir(), threads), works as when everything is imported.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from ovfmodel import plantable

ROOT = Path(__file__).resolve().parent.parent
APPLIANCE = ROOT / "examples" / "appliance.ovf"
ITEMS = ROOT / "tests" / "data" / "generic-ovf20-storage-ethernet-items.ovf"
PACKAGE = "ovfmodel._generated"


def run(code: str) -> str:
    """Run `code` in a fresh interpreter; its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# (one line: it goes into the indented code above, which run() dedents)
LOADED = f'loaded = lambda: sorted(m[{len(PACKAGE) + 1}:] for m in sys.modules if m.startswith("{PACKAGE}."))'


def test_the_deferred_modules_are_what_the_roots_do_not_import() -> None:
    out = run(
        f"""
        import importlib, sys
        {LOADED}
        for root in ("ovf_envelope_1", "ovf_envelope_2", "ovf_environment_1"):
            importlib.import_module("{PACKAGE}." + root)
        print(" ".join(loaded()))
        """
    )
    imported = set(out.split())
    every = {p.stem for p in (ROOT / "generated").glob("*.py")} - {"__init__"}
    # the tables are read by the binder and the validator when first needed
    tables = {"ovf_plans", "ovf_vocabulary_1", "ovf_vocabulary_2"}
    assert plantable._deferred() == every - imported - tables
    assert {"cim_epasd", "cim_sasd", "xmlenc", "xmldsig", "ovf_envelope_2_deferred"} <= (
        plantable._deferred()
    )


def test_a_descriptor_without_such_content_never_imports_them() -> None:
    out = run(
        f"""
        import sys
        import ovfmodel
        from ovfmodel import model
        from ovfmodel.info import describe_document
        {LOADED}
        doc = ovfmodel.parse({str(APPLIANCE)!r})
        text = ovfmodel.serialize(doc)
        describe_document(doc)
        ovfmodel.validate(doc)
        assert [i for vs in model.virtual_systems(doc) for i in model.items(vs)]
        print(" ".join(loaded()))
        """
    )
    assert not set(out.split()) & plantable._deferred(), out


def test_parsing_such_content_imports_them_and_binds_as_before() -> None:
    """The same file parsed after importing everything first and parsed cold: equal models,
    identical bytes written, the items of the deferred classes."""
    out = run(
        f"""
        import hashlib, sys
        import ovfmodel
        from ovfmodel import model
        doc = ovfmodel.parse({str(ITEMS)!r})
        cold = ovfmodel.serialize(doc)
        kinds = sorted({{type(i).__name__ for vs in model.virtual_systems(doc)
                         for i in model.items(vs)}} - {{"RasdType"}})
        print(" ".join(kinds))
        print(hashlib.sha256(cold).hexdigest())
        print(repr(doc.envelope) == repr(ovfmodel.parse({str(ITEMS)!r}).envelope))
        """
    )
    kinds, digest, equal = out.split("\n")[:3]
    assert kinds == "EpasdType SasdType"
    assert equal == "True"
    warm = run(
        f"""
        import hashlib, importlib
        importlib.import_module("{PACKAGE}.ovf_envelope_2_deferred")
        import ovfmodel
        print(hashlib.sha256(ovfmodel.serialize(ovfmodel.parse({str(ITEMS)!r}))).hexdigest())
        """
    )
    assert warm.strip() == digest


def test_every_way_to_reach_the_classes_works_cold() -> None:
    out = run(
        f"""
        import pickle, sys, typing
        from {PACKAGE} import ovf_envelope_2 as m
        {LOADED}
        assert "cim_epasd" not in loaded()
        hints = typing.get_type_hints(m.VirtualHardwareSectionType)
        print(hints["storage_item"])
        assert "cim_sasd" in loaded()
        from {PACKAGE}.ovf_envelope_2 import EpasdType, DerivedKey
        item = EpasdType(required=False, element_name=None, instance_id=None)
        assert pickle.loads(pickle.dumps(item)) == item
        assert "EpasdType" in dir(m) and vars(m)["SasdType"] is m.SasdType
        try:
            m.NoSuchName
        except AttributeError as e:
            print(e)
        """
    )
    assert "list[ovfmodel._generated.ovf_envelope_2_deferred.SasdType]" in out
    assert "has no attribute 'NoSuchName'" in out


def test_xsdata_serializes_the_generated_classes_cold() -> None:
    """xsdata's own XmlContext reads type hints in the module's namespace: the deferred names
    are there when it looks."""
    out = run(
        f"""
        from xsdata.formats.dataclass.serializers import XmlSerializer
        from {PACKAGE} import ovf_envelope_2 as m
        section = m.EncryptionSection(info=m.MsgType(value="keys"))
        hardware = m.VirtualHardwareSection(info=m.MsgType(value="hw"))
        system = m.VirtualSystem(id="vm", info=m.MsgType(value="vm"), sections=[hardware])
        print(XmlSerializer().render(m.Envelope(
            references=m.ReferencesType(), sections=[section], content=system)))
        """
    )
    assert "EncryptionSection" in out and "VirtualHardwareSection" in out


def test_objects_added_after_a_plan_left_their_field_unresolved_are_written() -> None:
    """A cold parse plans VirtualHardwareSection without its StorageItem and EthernetPortItem
    fields; items a user adds afterwards (importing their classes) are still written."""
    out = run(
        f"""
        import sys
        import ovfmodel
        {LOADED}
        doc = ovfmodel.parse({str(APPLIANCE)!r})
        assert "cim_sasd" not in loaded()
        from {PACKAGE}.ovf_envelope_2 import SasdType, EpasdType, MsgType
        from {PACKAGE}.cim_sasd import ElementName, InstanceId
        from {PACKAGE}.cim_epasd import ElementName as PortName, InstanceId as PortId
        from ovfmodel import model
        hw = model.hardware_sections(model.virtual_systems(doc)[0])[0]
        hw.storage_item.append(SasdType(element_name=ElementName(value="disk9"),
                                        instance_id=InstanceId(value="99")))
        hw.ethernet_port_item.append(EpasdType(element_name=PortName(value="nic9"),
                                               instance_id=PortId(value="98")))
        text = ovfmodel.serialize(doc).decode()
        print(text.count("StorageItem"), text.count("EthernetPortItem"), "disk9" in text)
        again = ovfmodel.parse(text.encode())
        hw2 = model.hardware_sections(model.virtual_systems(again)[0])[0]
        print(len(hw2.storage_item), len(hw2.ethernet_port_item))

        """
    )
    lines = out.split("\n")
    assert lines[0].split()[2] == "True" and int(lines[0].split()[0]) >= 2
    assert lines[1] == "1 1"


def test_a_compound_field_planned_cold_then_filled_is_written() -> None:
    """EncryptionSection's keys (xmlenc/xmlenc11 classes among its choices): the section is
    written once before those modules are imported, then a key is added."""
    out = run(
        f"""
        import sys
        import ovfmodel
        {LOADED}
        from {PACKAGE}.ovf_envelope_2 import MsgType
        doc = ovfmodel.parse({str(APPLIANCE)!r})
        from {PACKAGE}.ovf_envelope_2 import EncryptionSection
        keys = EncryptionSection(info=MsgType(value="keys"))
        doc.envelope.sections.append(keys)
        ovfmodel.serialize(doc)
        assert "xmlenc" not in loaded()
        from {PACKAGE}.ovf_envelope_2 import EncryptedKey
        from {PACKAGE}.xmlenc import CipherData, CipherReference
        data = CipherData(cipher_value_or_cipher_reference=CipherReference(uri="k"))
        keys.derived_key_or_encrypted_key.append(EncryptedKey(cipher_data=data, id="key1"))
        text = ovfmodel.serialize(doc).decode()
        print("EncryptedKey" in text and 'Id="key1"' in text)
        """
    )
    assert out.strip() == "True"


def test_threads_racing_for_the_first_use() -> None:
    out = run(
        f"""
        import threading
        from {PACKAGE} import ovf_envelope_2 as m
        got, barrier = [], threading.Barrier(16)
        def first():
            barrier.wait()
            got.append((m.EpasdType, m.SasdType, m.DerivedKey))
        threads = [threading.Thread(target=first) for _ in range(16)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(got), len(set(got)))
        """
    )
    assert out.split() == ["16", "1"]


def test_threads_parsing_such_content_at_once_bind_it_as_one_thread_does() -> None:
    """Four threads parse the storage/ethernet file at once, cold: each completes
    VirtualHardwareSection's plan on meeting its first EthernetPortItem. The plan was rebuilt in
    place, so the threads built it together or read it half built: 15 of the 20 documents had
    the section's ovf:transport in any_attributes and lost their items."""
    out = run(
        f"""
        import threading
        import ovfmodel
        from ovfmodel import model
        data = open({str(ITEMS)!r}, "rb").read()
        barrier, got = threading.Barrier(4), []
        def work():
            barrier.wait()
            for _ in range(5):
                got.append(ovfmodel.parse(data))
        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads: t.start()
        for t in threads: t.join()
        alone = ovfmodel.parse(data)
        hw = model.hardware_sections(model.virtual_systems(alone)[0])[0]
        print(hw.transport, len(hw.ethernet_port_item), len(hw.storage_item))
        print(len(got), sum(1 for doc in got if doc == alone))
        """
    )
    alone, same = out.split("\n")[:2]
    assert alone == "iso com.vmware.guestInfo 2 3"
    assert same == "20 20"

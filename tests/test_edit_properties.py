"""Issue 13: random sequences of edits on built documents give valid documents that round-trip."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ovfmodel
from ovfmodel import model
from ovfmodel.edit import Editor
from ovfmodel.errors import OvfError
from ovfmodel.strategies import built_documents

Op = Callable[[Editor, str], object]


def _ops(data: st.DataObject, ed: Editor, vs: str) -> Op:
    """One random edit that fits what the document has now."""
    configs = ed.configurations()
    networks = [str(n.name) for n in model.networks(ed.doc)]
    disks = [str(d.disk_id) for d in model.disks(ed.doc)]
    nics = ed.nics(vs)
    config = st.none() | (st.sampled_from(configs) if configs else st.none())
    choices: list[Op] = [
        lambda e, v: e.set_cpus(
            data.draw(st.integers(1, 64)), configuration=data.draw(config), vs=v
        ),
        lambda e, v: e.set_memory(
            data.draw(st.integers(1, 65536)), configuration=data.draw(config), vs=v
        ),
        lambda e, v: e.add_network(data.draw(st.sampled_from(["lan", "wan", "dmz", "san"]))),
        lambda e, v: e.add_serial_port(vs=v),
        lambda e, v: e.add_disk(capacity=data.draw(st.integers(1, 100)), vs=v),
        lambda e, v: e.add_deployment_option(
            data.draw(st.sampled_from(["small", "medium", "big"])), "A size", default=True
        ),
        lambda e, v: e.set_product(version=data.draw(st.sampled_from(["1.0", "2.5.1"])), vs=v),
        lambda e, v: e.set_annotation("edited", vs=v),
        lambda e, v: e.set_eula("license", vs=v),
        lambda e, v: e.add_controller(data.draw(st.sampled_from(["scsi", "sata", "ide"])), vs=v),
    ]
    if networks:
        net = st.sampled_from(networks)
        choices += [
            lambda e, v: e.add_nic(data.draw(net), vs=v),
            lambda e, v: e.rename_network(data.draw(net), data.draw(st.sampled_from(["n1", "n2"]))),
            lambda e, v: e.remove_network(data.draw(net), with_users=data.draw(st.booleans())),
        ]
    keys = [
        str(prop.key)
        for ps in model.product_sections(model.virtual_systems(ed.doc)[0])
        for prop in model.properties(ps)
    ]
    choices.append(
        lambda e, v: e.add_property(
            data.draw(st.sampled_from(["k1", "k2"])),
            data.draw(st.sampled_from(["string", "uint8", "boolean"])),
            vs=v,
            user_configurable=True,
        )
    )
    if keys:
        key = st.sampled_from(keys)
        value = st.sampled_from(["", "1", "true", "abc", "-5", "300"])
        choices += [
            lambda e, v: e.set_property(
                data.draw(key), data.draw(value), configuration=data.draw(config), vs=v
            ),
            lambda e, v: e.remove_property(data.draw(key), vs=v),
        ]
    if nics:
        choices.append(lambda e, v: e.remove_device(data.draw(st.sampled_from(nics)), vs=v))
    if disks:
        choices.append(lambda e, v: e.remove_disk(data.draw(st.sampled_from(disks))))
    if configs:
        pick = st.sampled_from(configs)
        choices += [
            lambda e, v: e.remove_deployment_option(data.draw(pick)),
            lambda e, v: e.set_default_deployment_option(data.draw(pick)),
        ]
    return data.draw(st.sampled_from(choices))


@settings(
    max_examples=max(5, settings().max_examples // 2),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(doc=built_documents(), data=st.data())
def test_random_edits_keep_documents_valid(doc: ovfmodel.OvfDocument, data: st.DataObject) -> None:
    ed = Editor(doc)
    vs = str(model.virtual_systems(doc)[0].id)
    for _ in range(data.draw(st.integers(1, 6))):
        before = ovfmodel.serialize(doc)
        op = _ops(data, ed, vs)
        try:
            op(ed, vs)
        except OvfError:
            # a refused edit leaves the document as it was
            assert ovfmodel.serialize(doc) == before
    out = ovfmodel.serialize(doc)
    report = ovfmodel.validate(out)
    assert [d.format_text() for d in report.diagnostics if d.severity.value == "error"] == []
    again = ovfmodel.parse(out)
    assert again == doc
    assert ovfmodel.serialize(again) == out

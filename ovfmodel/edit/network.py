"""Networks: add, rename (every NIC's Connection follows), remove (refused while used)."""

from __future__ import annotations

from .. import model
from ..cim import ResourceType
from ._base import fail, instance_id, is_not, keep_only, resource
from .hardware import HardwareEdits


class NetworkEdits(HardwareEdits):
    def add_network(self, name: str, *, description: str | None = None) -> model.Network:
        network: model.Network = self.builder().add_network(name, description=description)
        return network

    def network_users(self, name: str) -> list[tuple[str, str]]:
        """(virtual system id, NIC InstanceID) of every adapter connected to `name`."""
        users: list[tuple[str, str]] = []
        for vs in model.virtual_systems(self.doc):
            for item in model.items(vs):
                connections = getattr(item, "connection", [])
                if any(str(c.value).strip() == name for c in connections):
                    users.append((str(vs.id), instance_id(item)))
        return list(dict.fromkeys(users))

    def rename_network(self, old: str, new: str) -> model.Network:
        """Rename a network and every rasd:Connection naming it."""
        network = self._network(old)
        if new == old:
            return network
        if any(n.name == new for n in model.networks(self.doc)):
            raise fail(f"there is already a network {new!r}", "pick another name")
        if not new.strip() or new != new.strip():
            raise fail(
                f"network name {new!r} is empty or has surrounding whitespace",
                "consumers strip rasd:Connection, so it would match no network",
            )
        network.name = new
        for vs in model.virtual_systems(self.doc):
            for item in model.items(vs):
                for connection in getattr(item, "connection", []):
                    if str(connection.value).strip() == old:
                        connection.value = new
        return network

    def remove_network(self, name: str, *, with_users: bool = False) -> model.Network:
        """Remove a network; refused while NICs use it, unless `with_users` removes them."""
        network = self._network(name)
        users = self.network_users(name)
        if users and not with_users:
            raise fail(
                f"network {name!r} is used by NIC "
                + ", ".join(f"{nic} of {vs}" for vs, nic in users),
                "reconnect them (--nic-network) or remove them with it (--with-users)",
            )
        for vs, nic in users:
            items = [i for i in self.items(vs) if instance_id(i) == nic]
            if all(resource(i, ResourceType.ETHERNET_ADAPTER) for i in items):
                self.remove_device(nic, vs=vs)
            else:
                for item in items:
                    keep_only(item.connection, lambda c: c.value != name)
        envelope = model.envelope_of(self.doc)
        for section in model.sections(envelope, "NetworkSection"):
            if any(n is network for n in section.network):
                keep_only(section.network, lambda n: n is not network)
                if not section.network:
                    keep_only(envelope.sections, is_not(section))
        return network

    def _network(self, name: str) -> model.Network:
        for network in model.networks(self.doc):
            if network.name == name:
                return network
        known = ", ".join(str(n.name) for n in model.networks(self.doc)) or "none"
        raise fail(f"there is no network {name!r}", f"known: {known}")

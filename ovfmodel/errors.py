"""The exceptions ovfmodel raises.

Every failure a user can cause ends in one of these, carrying where it happened (file, line,
column, element path) and what to do about it, so callers never see a bare lxml or xsdata
traceback.
"""

from __future__ import annotations


class OvfError(Exception):
    """Base class of every ovfmodel error."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = where + self.message
        if self.path:
            text += f" (at {self.path})"
        if self.hint:
            text += f". {self.hint}"
        return text


class OvfParseError(OvfError):
    """The input is not an OVF document ovfmodel can read (bad XML, hostile input, wrong root)."""


class OvfStrictError(OvfParseError):
    """Strict parsing found content that does not fit the OVF schema."""


class SchemaNotFoundError(OvfError):
    """The DMTF XSD files needed for validation are not installed."""


class SchemaIntegrityError(OvfError):
    """A schema file does not have the pinned SHA-256."""


class BuilderError(OvfError, ValueError):
    """A builder call that would produce a wrong descriptor."""


class PackageError(OvfError):
    """An OVF package (directory or OVA) cannot be read or written safely."""


class ManifestError(PackageError):
    """A manifest (.mf) is malformed."""


class SignatureError(PackageError):
    """A certificate/signature (.cert) cannot be made or does not verify."""


class OvfEnvironmentError(OvfError):
    """An OVF environment (ovf-env.xml) cannot be built or read."""


class OvfSerializeError(OvfError, ValueError):
    """A document holds a value XML cannot carry (a character XML 1.0 forbids); nothing is
    written."""


class EditError(OvfError, ValueError):
    """An edit that cannot be made to a descriptor or package (the message says why)."""

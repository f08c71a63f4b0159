"""Pinned schema metadata (sources.json, catalog.xml); the XSD files live in schemas/xsd/, git-ignored."""

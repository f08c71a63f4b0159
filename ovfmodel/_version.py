"""The version of ovfmodel, kept here only: pyproject.toml reads it (dynamic version),
`ovfmodel.__version__` and `ovfmodel --version` print it."""

__version__ = "0.1.0"

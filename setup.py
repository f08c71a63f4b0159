"""The package list, which pyproject.toml cannot express: every package setuptools finds under
ovfmodel/ (so a new subpackage can never be left out of the wheel) plus the two whose sources
live elsewhere: generated/ as ovfmodel._generated and schemas/ as ovfmodel._schemadata
(package-dir in pyproject.toml). ovfmodel/_generated is only a symlink to generated/ for tools
that read the checkout; it is not searched. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

MAPPED = ["ovfmodel._generated", "ovfmodel._schemadata"]

setup(
    packages=[
        *find_packages(
            include=["ovfmodel", "ovfmodel.*"], exclude=[*MAPPED, "ovfmodel._generated.*"]
        ),
        *MAPPED,
    ]
)

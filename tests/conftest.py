"""Shared test configuration: hypothesis profiles.

Select with the HYPOTHESIS_PROFILE environment variable:

* ``ci`` (default): few examples and a bounded deadline, so the whole suite stays short on two
  cores;
* ``dev``: many more examples and no deadline, for fuzzing sessions.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=timedelta(seconds=5),
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

"""Test processes leave nothing in the temporary directory: each removes its clinic-test-* folder
when it exits, and the run fails if one is left (tests/conftest.py, pytest_sessionfinish)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

from . import conftest

REPO = Path(__file__).resolve().parent.parent


def test_every_process_of_the_run_names_its_folders_after_the_run():
    run = os.environ["CLINIC_TEST_RUN"]
    media = Path(settings.MEDIA_ROOT)
    assert media.parent == Path(tempfile.gettempdir())
    assert media.name.startswith(f"clinic-test-media-{run}-")


def test_a_process_with_the_test_settings_removes_its_folder_when_it_exits():
    code = "import django; django.setup(); from django.conf import settings; print(settings.MEDIA_ROOT)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clinic.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    media = Path(result.stdout.strip().splitlines()[-1])
    assert media.name.startswith(f"clinic-test-media-{os.environ['CLINIC_TEST_RUN']}-")
    assert not media.exists()


def test_the_end_of_run_check_sees_a_folder_left_behind():
    left = Path(tempfile.mkdtemp(prefix=f"clinic-test-probe-{conftest.run_id()}-"))
    try:
        assert left in conftest._leftovers()
    finally:
        left.rmdir()
    assert left not in conftest._leftovers()

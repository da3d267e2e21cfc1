"""Settings for the test suite: the normal settings with fast hashing and in-process tasks."""

# ruff: noqa: F403, F405, E402
import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("CHIBO_DEV", "1")
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")

from chibo.settings import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="chibo-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

"""Settings for the test suite: the normal settings with fast hashing and in-process tasks."""

import os

os.environ.setdefault("CHIBO_DEV", "1")
os.environ.setdefault(
    "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
)

from chibo.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

"""With DEBUG off and the production variables set, `check --deploy` is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(env_overrides: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CHIBO_DEV", "DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_in_production_mode(tmp_path: Path) -> None:
    result = _check(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "chibo.example.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_flags_a_missing_secret_key_in_the_deploy_check(tmp_path: Path) -> None:
    result = _check(
        {"DEBUG": "0", "ALLOWED_HOSTS": "chibo.example.vn", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_it_refuses_to_serve_without_a_secret_key(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("CHIBO_DEV", "DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    env.update({"DEBUG": "0", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    result = subprocess.run(
        [sys.executable, "-c", "import chibo.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr

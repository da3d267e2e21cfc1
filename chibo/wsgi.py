import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
application = get_wsgi_application()


def _refuse_a_development_key() -> None:
    from django.conf import settings

    if not (settings.SECRET_KEY_IS_SET or settings.DEBUG or os.environ.get("CHIBO_DEV")):
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off (see docs/deploy.md).")


_refuse_a_development_key()

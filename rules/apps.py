from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RulesConfig(AppConfig):
    name = "rules"

    def ready(self) -> None:
        from rules.shipped import reinstall_after_flush

        post_migrate.connect(reinstall_after_flush, sender=self)

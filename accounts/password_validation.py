"""Django's password rules, with messages of our own.

Django 6.1 looks up its too-short message under a msgid that its Vietnamese
catalog does not have, so that message would show in English; the rules are
the same classes, restated here with wording our catalog translates.
"""

from django.contrib.auth import password_validation as django_rules
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "The password is too short: it needs at least %(min_length)d character.",
            "The password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        )

    def get_help_text(self) -> str:
        return ngettext(
            "At least %(min_length)d character.",
            "At least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("The password is too close to the account’s “%(verbose_name)s”.")

    def get_help_text(self) -> str:
        return _("Not too close to your username or phone number.")


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password is too common and easy to guess.")

    def get_help_text(self) -> str:
        return _("Not a commonly used password.")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("The password cannot be only digits.")

    def get_help_text(self) -> str:
        return _("Not only digits.")

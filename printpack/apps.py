from django.apps import AppConfig


class PrintpackConfig(AppConfig):
    name = "printpack"

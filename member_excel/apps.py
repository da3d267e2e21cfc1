from django.apps import AppConfig


class MemberExcelConfig(AppConfig):
    name = "member_excel"

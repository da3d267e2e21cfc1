from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from documents import numbering
        from guidance.models import Guidance
        from preparation.models import NoticeRound

        # A notice is numbered when it is sent, a guidance when it is published (see documents/numbering.py).
        post_save.connect(numbering.on_notice_round_saved, sender=NoticeRound, dispatch_uid="documents.notice_number")
        post_save.connect(numbering.on_guidance_saved, sender=Guidance, dispatch_uid="documents.guidance_number")

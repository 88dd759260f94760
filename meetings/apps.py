from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Meetings between officials: records proposed from articles, curated, with their reports."""

    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from archive.signals import person_merging
        from meetings.curation import move_participations

        # A merged person's places at meetings move to the person kept.
        person_merging.connect(
            lambda sender, other, keep, **kwargs: move_participations(other, keep),
            weak=False,
            dispatch_uid="meetings-merge",
        )

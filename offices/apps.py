from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = "Offices"

    def ready(self):
        from archive.signals import person_merging
        from offices.curation import move_person

        # A merged person's tenures and tenure suggestions move to the person kept.
        person_merging.connect(
            lambda sender, other, keep, **kwargs: move_person(other, keep), weak=False, dispatch_uid="offices-merge"
        )

from django.apps import AppConfig


class DoggyDiaryConfig(AppConfig):
    name = "doggydiary"
    verbose_name = "Doggy Diary"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
